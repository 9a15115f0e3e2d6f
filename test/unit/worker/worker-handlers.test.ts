import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { WorkerToHost } from '../../../src/worker/worker-protocol';
import { WorkerHandlers } from '../../../src/worker/worker-handlers';

const large = readFileSync(new URL('../../fixtures/profiles/large.cpu.pb.gz', import.meta.url));

/** A raw (not gzipped) profile with one sample type, cpu/nanoseconds, and no samples. */
function emptyProfile(): Uint8Array {
  const str = (s: string): number[] => [0x32, s.length, ...Buffer.from(s)];
  return new Uint8Array([0x0a, 0x04, 0x08, 0x01, 0x10, 0x02, ...str(''), ...str('cpu'), ...str('nanoseconds')]);
}

function ok<T extends WorkerToHost>(response: T): Extract<T, { ok: true }> {
  if (!response.ok) assert.fail(`expected success, got: ${response.error}`);
  return response as Extract<T, { ok: true }>;
}

test('open then top on large.cpu gives pprof -top numbers', () => {
  const handlers = new WorkerHandlers();
  const opened = ok(handlers.answer({ kind: 'request', id: 1, method: 'open', params: { bytes: large, source: 'large.cpu.pb.gz', maxInflatedBytes: 1e9 } }));
  assert.equal(opened.method, 'open');
  if (opened.method !== 'open') return;
  assert.equal(opened.result.source, 'large.cpu.pb.gz');
  assert.deepEqual(opened.result.sampleTypes.map((t) => t.type), ['samples', 'cpu']);
  assert.equal(opened.result.durationText, '240.36s');

  const topped = ok(handlers.answer({ kind: 'request', id: 2, method: 'top', params: { sampleIndex: 1 } }));
  if (topped.method !== 'top') return assert.fail('wrong method');
  const first = topped.result.rows[0]!;
  // go tool pprof -top: "205.17s 85.38% 85.38% 205.17s 85.38%  time.Now" of 240.29s total
  assert.deepEqual([first.flatText, first.flatPercent, first.sumPercent, first.cumText, first.cumPercent, first.name], ['205.17s', '85.38%', '85.38%', '205.17s', '85.38%', 'time.Now']);
  assert.equal(topped.result.totalText, '240.29s');
  assert.equal(topped.result.rows[2]?.sumPercent, '98.59%');
});

test('a zero-sample profile gives an empty top table, not NaN', () => {
  const handlers = new WorkerHandlers();
  ok(handlers.answer({ kind: 'request', id: 1, method: 'open', params: { bytes: emptyProfile(), source: 'empty.pprof', maxInflatedBytes: 1e6 } }));
  const topped = ok(handlers.answer({ kind: 'request', id: 2, method: 'top', params: { sampleIndex: 0 } }));
  if (topped.method !== 'top') return assert.fail('wrong method');
  assert.equal(topped.result.rows.length, 0);
  assert.equal(topped.result.total, 0);
  assert.doesNotMatch(topped.result.shownPercent + topped.result.totalText, /NaN/);
});

test('errors name the file; asking before opening is an error, not a crash', () => {
  const handlers = new WorkerHandlers();
  const early = handlers.answer({ kind: 'request', id: 1, method: 'top', params: { sampleIndex: 0 } });
  assert.equal(early.ok, false);
  const bad = handlers.answer({ kind: 'request', id: 2, method: 'open', params: { bytes: large.subarray(0, 300), source: 'cut.pb.gz', maxInflatedBytes: 1e9 } });
  assert.equal(bad.ok, false);
  if (bad.ok) return;
  assert.match(bad.error, /^cut\.pb\.gz: /);
  assert.doesNotMatch(bad.error, /\n\s+at /);
});

test('a sample index past the sample types is refused with a message', () => {
  const handlers = new WorkerHandlers();
  ok(handlers.answer({ kind: 'request', id: 1, method: 'open', params: { bytes: emptyProfile(), source: 'empty.pprof', maxInflatedBytes: 1e6 } }));
  const response = handlers.answer({ kind: 'request', id: 2, method: 'top', params: { sampleIndex: 7 } });
  assert.equal(response.ok, false);
});
