// Inline amplification: one location holding 1,000 inlined calls, in a stack of 100,000 of it,
// one sample (a valid profile of 14 KB gzipped) is 100 million frames once expanded. Before the
// frame budget, `tree` took 1.4 GB and `traces`/`folded` ran out of memory at 4-5 GB
// (`go tool pprof -traces` takes 12.7 GB). Now every report that expands stacks refuses it
// with one line naming the file and the counts, the top table (which adds up per location and
// never expands; test/fidelity/cli/inline-amplification-top.test.ts compares it with `go tool
// pprof -top`) answers, and every view of the extension's worker answers, all within a small
// peak RSS measured in the child process, which runs under `ulimit -v` so that without the
// budget it fails instead of taking the machine's memory.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { measureProcessExit } from '../../scripts/bench/measure-process';
import { bundleCli, bundleScript } from '../support/cli-bundle';
import { repoRoot } from '../support/go-fixtures';
import { inlineAmplifiedProfile } from '../support/inline-amplified-profile';
import type { AmplificationProbe } from './amplification-probe';

const MiB = 1024 * 1024;
/** Far above what the refusals take (about 60 MB), far below what expanding took (1.4-5 GB). */
const PEAK_LIMIT = 256 * MiB;
const INLINE_LINES = 1000;
const REPEATS = 100_000;

let dir: string;
let amplified: string;
let small: string;
let cli: string;
let probe: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'inline-amplification-'));
  amplified = join(dir, 'amplified.pb.gz');
  const bytes = inlineAmplifiedProfile(INLINE_LINES, REPEATS);
  assert.ok(bytes.length < 16 * 1024, `${bytes.length} bytes`);
  await writeFile(amplified, bytes);
  small = join(dir, 'small.pb.gz');
  await writeFile(small, inlineAmplifiedProfile(10, 1000));
  [cli, probe] = await Promise.all([bundleCli(), bundleScript(join(repoRoot, 'test', 'hardening', 'amplification-probe.ts'))]);
});
after(() => rm(dir, { recursive: true, force: true }));

/** Runs `node script args` with 2 GB of address space, measured. */
function limited(script: string, args: readonly string[]): ReturnType<typeof measureProcessExit> {
  return measureProcessExit('sh', ['-c', 'ulimit -v 2000000 && exec "$0" "$@"', process.execPath, script, ...args]);
}

const refusal = (file: string, locations: string, frames: string): string =>
  `${file}: its stacks of ${locations} locations expand to ${frames} frames with their inlined calls, past the frame budget ` +
  '(10,000,000 frames, or 4 per location when that is more); refusing to expand them';
const mib = (bytes: number): string => `${(bytes / MiB).toFixed(0)} MiB`;

for (const args of [['tree'], ['traces'], ['folded'], ['peek', '^main\\.f1$'], ['tree', '--focus', 'f1$'], ['traces', '--json']]) {
  test(`go-profiler ${args.join(' ')}: refused with exit 2 and one line naming the file and the counts, in little memory`, { timeout: 120_000 }, async () => {
    const [command, ...rest] = args;
    const r = await limited(cli, [command!, amplified, ...rest]);
    assert.equal(r.stderr, `go-profiler: ${refusal(amplified, '100,000', '100,000,000')} (--frame-budget 100000000 would allow it)\n`);
    assert.equal(r.code, 2);
    assert.ok(r.peakRssBytes < PEAK_LIMIT, `peak RSS ${mib(r.peakRssBytes)}`);
  });
}

test('go-profiler top answers in little memory: it never expands the stacks (its rows: test/fidelity)', { timeout: 120_000 }, async () => {
  for (const args of [['top', amplified], ['top', amplified, '--hide', 'f5$', '--json']]) {
    const r = await limited(cli, args);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.peakRssBytes < PEAK_LIMIT, `${args.join(' ')}: peak RSS ${mib(r.peakRssBytes)}`);
  }
});

test('every view of the extension\'s worker answers: the refusal naming the file, in little memory', { timeout: 120_000 }, async () => {
  const { stdout } = await promisify(execFile)('sh', ['-c', 'ulimit -v 2000000 && exec "$0" "$@"', process.execPath, probe, amplified, 'main.f1']);
  const answer = JSON.parse(stdout) as AmplificationProbe;
  const { open, ...views } = answer.views;
  assert.match(open!, /^ok /);
  assert.deepEqual(Object.keys(views), ['top', 'flame', 'tree', 'peek', 'callgraph', 'goroutines', 'lineCosts']);
  for (const [view, outcome] of Object.entries(views)) assert.equal(outcome, refusal(amplified, '100,000', '100,000,000'), view);
  assert.ok(answer.maxRssBytes < PEAK_LIMIT, `peak RSS ${mib(answer.maxRssBytes)}`);
});

test('a profile that expands within the budget is reported; --frame-budget lowers and --frame-budget 0 lifts the budget', async () => {
  // 10 inlined calls x 1,000: 10,000 frames, 10 per location but far under 10 million.
  const within = await limited(cli, ['tree', small]);
  assert.equal(within.code, 0, within.stderr);
  const lowered = await limited(cli, ['traces', small, '--frame-budget', '9999']);
  assert.equal(lowered.stderr, `go-profiler: ${refusal(small, '1,000', '10,000').replace('10,000,000 frames', '9,999 frames')} (--frame-budget 10000 would allow it)\n`);
  assert.equal(lowered.code, 2);
  const lifted = await limited(cli, ['traces', small, '--frame-budget', '0']);
  assert.equal(lifted.code, 0, lifted.stderr);
});
