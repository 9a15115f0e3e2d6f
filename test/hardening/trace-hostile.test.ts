// Hostile execution traces: hand-made inputs that claim huge sizes and counts, and every input
// `npm run fuzz:trace` ever saved under test/fixtures/trace-crashers/. Each must end in a Trace
// or a one-line TraceError naming the file, without a crash or a hang.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { TraceError } from '../../src/trace/errors';
import { readTrace } from '../../src/trace/read';

const HEADER = [...new TextEncoder().encode('go 1.26 trace\0\0\0')];

function uvarint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 128) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

/** A batch: EventBatch, generation, thread, time, size, then the data. */
function batch(gen: number, data: readonly number[], size = data.length): number[] {
  return [1, ...uvarint(gen), ...uvarint(1), ...uvarint(1000), ...uvarint(size), ...data];
}

function outcome(bytes: readonly number[]): string {
  try {
    readTrace(new Uint8Array(bytes), 'hostile.trace');
    return 'read';
  } catch (error) {
    assert.ok(error instanceof TraceError, `a TraceError, not ${error instanceof Error ? error.stack : String(error)}`);
    assert.ok(error.message.startsWith('hostile.trace: ') && !error.message.includes('\n'), error.message);
    return error.message;
  }
}

test('hand-made hostile traces end in a one-line TraceError', { timeout: 120_000 }, () => {
  // A batch that claims a terabyte.
  assert.match(outcome([...HEADER, ...batch(1, [], 2 ** 40)]), /claims \d+ bytes/);
  // A stack that claims a billion frames.
  assert.match(outcome([...HEADER, ...batch(1, [2, 3, ...uvarint(1), ...uvarint(1e9)])]), /has 1000000000 frames/);
  // A string that claims a gigabyte.
  assert.match(outcome([...HEADER, ...batch(1, [4, 5, ...uvarint(1), ...uvarint(2 ** 30)])]), /bytes long/);
  // A varint that never ends.
  assert.match(outcome([...HEADER, 1, ...new Array<number>(12).fill(0xff)]), /varint/);
  // Twenty thousand generations, none with a clock frequency.
  const many: number[] = [...HEADER];
  for (let g = 1; g <= 20_000; g++) many.push(...batch(g, [9, ...uvarint(1), ...uvarint(1)]));
  assert.match(outcome(many), /no clock frequency/);
  // Events on a thread in a generation with a frequency: a goroutine starting that was never created.
  const start = [16, ...uvarint(5), ...uvarint(77), ...uvarint(1)];
  assert.match(outcome([...HEADER, ...batch(1, [50, 8, ...uvarint(1e9)]), ...batch(1, start), 52]), /no event can come next/);
  // And whatever npm run fuzz:trace saved (none so far: it has found no crash or hang).
  const dir = join(__dirname, '..', 'fixtures', 'trace-crashers');
  for (const f of existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.bin')) : []) outcome([...readFileSync(join(dir, f))]);
});
