import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { TraceError } from '../../../src/trace/errors';
import { readTrace } from '../../../src/trace/read';
import { traceCounts } from '../../../src/trace/summary';
import { mutations } from '../../support/profile-mutations';

const dir = join(__dirname, '..', '..', 'fixtures', 'traces');
const FILE = 'tracer-go1.26.trace';
const real = new Uint8Array(readFileSync(join(dir, FILE)));
/** What go tool trace -d=parsed printed for the committed trace (see the file's "source"). */
const oracle = JSON.parse(readFileSync(join(dir, 'tracer-go1.26.counts.json'), 'utf8')) as {
  events: number;
  byKind: Record<string, number>;
  goroutines: number;
  gcCycles: number;
};

const header = (text: string): Uint8Array => new TextEncoder().encode(text);

function refusal(bytes: Uint8Array): string {
  try {
    readTrace(bytes, 'some/file.trace');
  } catch (error) {
    assert.ok(error instanceof TraceError, `a TraceError, not ${String(error)}`);
    return error.message;
  }
  assert.fail('the input was read as a trace');
}

describe('readTrace on a committed trace of a real Go 1.26 program', () => {
  test('counts equal what go tool trace printed for the same file', () => {
    const counts = traceCounts(readTrace(real, FILE));
    assert.equal(counts.events, oracle.events);
    assert.deepEqual(counts.byKind, oracle.byKind);
    assert.equal(counts.goroutines, oracle.goroutines);
    assert.equal(counts.gcCycles, oracle.gcCycles);
  });

  test('the strings and stacks name the program', () => {
    const trace = readTrace(real, FILE);
    assert.equal(trace.version, 26);
    assert.ok(trace.frames.some((f) => f.func === 'main.workload' && f.file.endsWith('tracer/main.go') && f.line > 0));
    assert.ok(trace.strings.includes('workload') && trace.strings.includes('channels'));
  });
});

describe('readTrace refuses what it cannot read, naming the file and why', () => {
  test('older formats name the version they were written by', () => {
    for (const v of [5, 11, 19, 21]) {
      const message = refusal(header(`go 1.${v} trace\0\0\0\x01\x02\x03`));
      assert.match(message, new RegExp(`^some/file\\.trace: trace written by Go 1\\.${v}: only the format of Go 1\\.22 and later`));
    }
  });

  test('an unknown future version is named', () => {
    assert.match(refusal(header('go 1.99 trace\0\0\0')), /^some\/file\.trace: unknown trace version go 1\.99/);
  });

  test('not a trace at all', () => {
    assert.match(refusal(header('hello, world')), /^some\/file\.trace: not a Go execution trace/);
    assert.match(refusal(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0])), /not a Go execution trace/);
    assert.match(refusal(new Uint8Array()), /not a Go execution trace/);
  });

  test('a header and nothing else', () => {
    assert.match(refusal(header('go 1.26 trace\0\0\0')), /holds no events/);
  });

  test('cut anywhere: a trace of the generations before the cut, or a one-line error; never another exception', () => {
    const messages = new Set<string>();
    for (let at = 0; at < real.length; at += 97) {
      try {
        readTrace(real.subarray(0, at), FILE);
      } catch (error) {
        assert.ok(error instanceof TraceError, `cut at ${at}: ${String(error)}`);
        assert.ok(!error.message.includes('\n'), `one line: ${error.message}`);
        assert.ok(error.message.startsWith(`${FILE}: `));
        messages.add(error.message.replace(/\d+/g, 'N'));
      }
    }
    assert.ok(messages.size >= 2, `the cuts fail for different reasons: ${[...messages].join(' | ')}`);
  });
});

describe('fuzzed traces (seeded byte mutations of the real trace)', () => {
  // A hang fails through the timeout; nothing here measures speed.
  test('each mutation ends in a Trace or a TraceError naming the file', { timeout: 300_000 }, () => {
    let errors = 0;
    for (const m of mutations([real], 400, 18)) {
      try {
        readTrace(m.bytes, FILE);
      } catch (error) {
        if (!(error instanceof TraceError)) assert.fail(`${m.description}: ${error instanceof Error ? error.stack : String(error)}`);
        assert.ok(error.message.startsWith(`${FILE}: `) && !error.message.includes('\n'), m.description);
        errors++;
      }
    }
    assert.ok(errors > 100, `most mutations break the trace (${errors} of 400)`);
  });
});
