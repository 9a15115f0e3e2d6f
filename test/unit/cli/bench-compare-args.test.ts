// The command lines of `go-profiler bench-compare` and `go-profiler diff --fail-above` (pure).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exactBenchPattern } from '../../../src/capture/bench-runs';
import { UsageError } from '../../../src/cli/args';
import { parseBenchCompareArgs } from '../../../src/cli/bench-compare';
import { takeFailAbove } from '../../../src/cli/diff-gate';

describe('go-profiler bench-compare arguments', () => {
  it('takes the revisions, selection, count and packages; defaults for the rest', () => {
    assert.deepEqual(parseBenchCompareArgs(['--base', 'main']), { base: 'main', bench: '.', count: 6, outDir: 'profiles', json: false, packages: ['.'] });
    assert.deepEqual(
      parseBenchCompareArgs(['--base=v1.2.0', '--head', 'HEAD', '--bench', 'Parse', '--count=10', '--benchtime', '200ms', '--out', 'o', '--go', '/g', '--json', '--', './a', './b']),
      { base: 'v1.2.0', head: 'HEAD', bench: 'Parse', count: 10, benchtime: '200ms', outDir: 'o', go: '/g', json: true, packages: ['./a', './b'] },
    );
    assert.deepEqual(parseBenchCompareArgs(['--base', 'main', './x']).packages, ['./x']);
    assert.deepEqual(parseBenchCompareArgs(['--base-saved', 'p/x.bench-compare.json']).base, { saved: 'p/x.bench-compare.json' });
  });

  it('refuses what it cannot act on, in one line', () => {
    const bad: [string[], RegExp][] = [
      [[], /give one of --base REV or --base-saved SUMMARY\.json/],
      [['--base', 'main', '--base-saved', 's.json'], /give one of --base REV or --base-saved/],
      [['--base'], /--base needs a value/],
      [['--base', 'main', '--count', '1'], /--count must be a whole number from 2 to 20, not "1"/],
      [['--base', 'main', '--count', '21'], /not "21"/],
      [['--base', 'main', '--count', '6x'], /not "6x"/],
      [['--base', 'main', '--cpuprofile', 'x'], /unknown flag --cpuprofile/],
      [['--base', 'main', '--json=1'], /unknown flag --json=1/],
    ];
    for (const [argv, message] of bad) {
      assert.throws(() => parseBenchCompareArgs(argv), (e: unknown) => e instanceof UsageError && message.test(e.message) && !e.message.includes('\n'), argv.join(' '));
    }
  });
});

describe('go-profiler diff --fail-above', () => {
  it('takes the percentage out and leaves the diff flags', () => {
    assert.deepEqual(takeFailAbove(['new.pb.gz', '--base', 'old.pb.gz', '--fail-above', '5', '--focus', 'main']), [5, ['new.pb.gz', '--base', 'old.pb.gz', '--focus', 'main']]);
    assert.deepEqual(takeFailAbove(['n', '--fail_above=0.5']), [0.5, ['n']]);
    assert.deepEqual(takeFailAbove(['n', '--base', 'o']), [undefined, ['n', '--base', 'o']]);
  });

  it('refuses a value that is not a percentage', () => {
    for (const argv of [['--fail-above'], ['--fail-above', '-1'], ['--fail-above=x'], ['--fail-above=']]) {
      assert.throws(() => takeFailAbove(argv), UsageError, argv.join(' '));
    }
  });
});

describe('the pattern that selects one benchmark', () => {
  it('anchors each level and escapes regexp characters', () => {
    assert.equal(exactBenchPattern('BenchmarkParse'), '^BenchmarkParse$');
    assert.equal(exactBenchPattern('BenchmarkParse/size=1.5k'), '^BenchmarkParse$/^size=1\\.5k$');
    assert.ok(new RegExp(exactBenchPattern('BenchmarkA')).test('BenchmarkA'));
    assert.ok(!new RegExp(exactBenchPattern('BenchmarkA')).test('BenchmarkAB'));
  });
});
