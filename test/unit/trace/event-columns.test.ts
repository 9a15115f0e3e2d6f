// EventColumns is sized up front from the file (readTrace); these cover the paths real traces
// rarely take: growing past the guess, and trimming a mostly empty guess (a copy, not a view).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventColumns } from '../../../src/trace/trace';

const fill = (columns: EventColumns, n: number): void => {
  for (let i = 0; i < n; i++) columns.push(i % 200, 1000 + i, i % 3, i % 5, i % 7, [i, i + 1, i + 2, i + 3], i % 11);
};

test('columns grow past their first size and keep every event', () => {
  const columns = new EventColumns(1024);
  fill(columns, 5000);
  const e = columns.finish();
  assert.equal(e.length, 5000);
  for (const i of [0, 1023, 1024, 2048, 4999]) {
    assert.deepEqual([e.type[i], e.time[i], e.m[i], e.p[i], e.g[i], e.a0[i], e.a1[i], e.a2[i], e.a3[i], e.stack[i]], [i % 200, 1000 + i, i % 3, i % 5, i % 7, i, i + 1, i + 2, i + 3, i % 11]);
  }
  for (const column of [e.type, e.time, e.m, e.p, e.g, e.a0, e.a1, e.a2, e.a3, e.stack]) assert.equal(column.length, 5000);
});

test('a guess far above the events is trimmed by copying; one at least half full is kept as a view', () => {
  const sparse = new EventColumns(100_000);
  fill(sparse, 10);
  const s = sparse.finish();
  assert.equal(s.time.length, 10);
  assert.equal(s.time.buffer.byteLength, 10 * 8);
  const full = new EventColumns(2000);
  fill(full, 1900);
  const f = full.finish();
  assert.equal(f.time.length, 1900);
  assert.equal(f.time.buffer.byteLength, 2000 * 8);
  assert.equal(f.a3[1899], 1899 + 3);
  // At least half full is kept as a view too (the bench trace fills 74% of its guess); under half is copied.
  const half = new EventColumns(2000);
  fill(half, 1000);
  assert.equal(half.finish().time.buffer.byteLength, 2000 * 8);
  const less = new EventColumns(2000);
  fill(less, 999);
  assert.equal(less.finish().time.buffer.byteLength, 999 * 8);
});
