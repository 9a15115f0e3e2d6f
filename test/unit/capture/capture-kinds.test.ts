import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCaptureList, parseSeconds } from '../../../src/capture/capture-kinds';
import { parseRunArgs, exitCodeOf } from '../../../src/cli/run';

describe('capture lists', () => {
  it('parses kinds with and without windows', () => {
    assert.deepEqual(parseCaptureList('cpu=5s,heap,heap-nogc,allocs,goroutine,block=2s,mutex=500ms,threadcreate'), [
      { kind: 'cpu', seconds: 5 },
      { kind: 'heap' },
      { kind: 'heap-nogc' },
      { kind: 'allocs' },
      { kind: 'goroutine' },
      { kind: 'block', seconds: 2 },
      { kind: 'mutex', seconds: 0.5 },
      { kind: 'threadcreate' },
    ]);
    assert.deepEqual(parseCaptureList('cpu'), [{ kind: 'cpu', seconds: 5 }]);
    assert.deepEqual(parseCaptureList('block=1m'), [{ kind: 'block', seconds: 60 }]);
    assert.deepEqual(parseCaptureList('trace=2s,heap'), [{ kind: 'trace', seconds: 2 }, { kind: 'heap' }]);
    assert.deepEqual(parseCaptureList('trace'), [{ kind: 'trace', seconds: 5 }]);
  });
  it('rejects unknown kinds, bad windows, windows on instant kinds, duplicates', () => {
    assert.throws(() => parseCaptureList('cpu,heapp'), /unknown capture "heapp"/);
    assert.throws(() => parseCaptureList('cpu=fast'), /capture "cpu=fast": duration must look like 5s/);
    assert.throws(() => parseCaptureList('cpu=0s'), /duration/);
    assert.throws(() => parseCaptureList('heap=2s'), /heap takes no duration/);
    assert.throws(() => parseCaptureList('heap,heap'), /listed twice/);
  });
  it('reads seconds', () => {
    assert.equal(parseSeconds('2.5'), 2.5);
    assert.equal(parseSeconds('250ms'), 0.25);
    assert.equal(parseSeconds('-1s'), undefined);
  });
});

describe('go-profiler run arguments', () => {
  it('parses flags, the package and its arguments', () => {
    assert.deepEqual(parseRunArgs(['--capture', 'heap,cpu=2s', '--out=o', '--go', '/x/go', '--', './cmd/s', '-v', '--', 'z']), {
      captures: [{ kind: 'heap' }, { kind: 'cpu', seconds: 2 }],
      wholeRun: false,
      outDir: 'o',
      go: '/x/go',
      sampling: { mutexProfileFraction: 100, blockProfileRate: 10_000 },
      pattern: './cmd/s',
      programArgs: ['-v', '--', 'z'],
    });
    const whole = parseRunArgs(['--whole-run', './p']);
    assert.equal(whole.wholeRun, true);
    assert.equal(whole.pattern, './p');
    assert.equal(whole.outDir, 'profiles');
  });
  it('explains what is wrong in one line', () => {
    assert.throws(() => parseRunArgs(['--capture', 'heap']), /missing PACKAGE/);
    assert.throws(() => parseRunArgs(['--', './p']), /nothing to capture/);
    assert.throws(() => parseRunArgs(['--whole-run', '--capture', 'cpu', '--', './p']), /already records CPU/);
    assert.throws(() => parseRunArgs(['--frobnicate', '--', './p']), /unknown option --frobnicate/);
    assert.throws(() => parseRunArgs(['--out']), /--out needs a value/);
  });
  it('turns an exit into a shell exit code', () => {
    assert.equal(exitCodeOf({ code: 3, signal: null }), 3);
    assert.equal(exitCodeOf({ code: null, signal: 'SIGKILL' }), 137);
  });
});
