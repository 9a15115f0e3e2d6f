// `go-profiler bench-compare` and `go-profiler diff --fail-above` as CI runs them: the
// bundled CLI on a real repository (real git, Go), its JSON checked against benchstat on
// the raw output it saved, its gate against `go tool pprof -diff_base` on the profiles it saved.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CompareSummary } from '../../../src/benchstat/summary-json';
import { benchstatCsv } from '../../support/benchstat-tool';
import { bundleCli } from '../../support/cli-bundle';
import { run } from '../../support/go-fixtures';
import { goPprofTop } from '../../support/go-pprof';
import { makeSlowdownRepo, SLOW } from '../../support/slowdown-repo';

interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

describe('go-profiler bench-compare and diff --fail-above (bundled CLI, real git and Go)', () => {
  let cli: string;
  let dir: string;
  let repo: string;
  const goProfiler = (args: readonly string[]): Promise<CliRun> =>
    new Promise((resolve) => {
      execFile(process.execPath, [cli, ...args], { cwd: repo }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      });
    });

  before(async () => {
    cli = await bundleCli();
    dir = await mkdtemp(join(tmpdir(), 'bench17-cli-'));
    repo = join(dir, 'repo');
    await run('mkdir', ['-p', repo]);
    await makeSlowdownRepo(repo);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('compares two commits: JSON in the documented shape, the same verdict as benchstat; the gate fails on the slowed function', async () => {
    const out = join(dir, 'profiles');
    const r = await goProfiler(['bench-compare', '--base', 'HEAD~1', '--head', 'HEAD', '--bench', 'Slow', '--count', '4', '--benchtime', '60ms', '--out', out, '--json', '--', '.']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /\[8\/10\] profiling BenchmarkSlow/);
    const summary = JSON.parse(r.stdout) as CompareSummary;
    assert.deepEqual(Object.keys(summary), ['benchmarks', 'profiles']);
    assert.deepEqual(summary.benchmarks.map((b) => b.name), ['BenchmarkSlow']);
    const slow = summary.benchmarks[0]!;
    assert.deepEqual(Object.keys(slow), ['name', 'base', 'head', 'deltaPct', 'p', 'significant']);

    const text = (path: string): string => path.replace(/\.pb\.gz$/, '.txt');
    const theirs = (await benchstatCsv(text(summary.profiles.base), text(summary.profiles.head))).get('sec/op')!;
    const want = theirs.find((row) => row.name.startsWith('Slow'))!;
    assert.equal(`p=${slow.p!.toFixed(3)} n=4`, want.p);
    assert.equal(slow.significant, want.delta !== '~');
    if (slow.significant) assert.equal(`+${slow.deltaPct!.toFixed(2)}%`, want.delta);
    assert.ok(slow.head.secPerOp! > slow.base.secPerOp!);

    const gate = await goProfiler(['diff', summary.profiles.head, '--base', summary.profiles.base, '--fail-above', '10']);
    assert.equal(gate.code, 1, gate.stderr);
    const pprof = await goPprofTop(summary.profiles.head, { diffBase: summary.profiles.base });
    assert.equal(pprof.rows[0]!.name, SLOW);
    const firstOffender = gate.stdout.split('\n').find((l) => l.startsWith('example.com/'));
    assert.match(firstOffender ?? '', new RegExp(`^${SLOW.replace(/\./g, '\\.')}\\s`), gate.stdout);
    const pass = await goProfiler(['diff', summary.profiles.head, '--base', summary.profiles.base, '--fail-above', '1000']);
    assert.equal(pass.code, 0, pass.stdout);
    assert.match(pass.stdout, /no function grew by more than the limit/);
    const focused = await goProfiler(['diff', summary.profiles.head, '--base', summary.profiles.base, '--fail-above', '10', '--focus', 'Steady']);
    assert.equal(focused.code, 0, focused.stdout);
  });

  it('says in one line what is wrong with its arguments (exit 2)', async () => {
    const noBase = await goProfiler(['bench-compare', '--', '.']);
    assert.equal(noBase.code, 2);
    assert.match(noBase.stderr, /^go-profiler: bench-compare: give one of --base REV or --base-saved SUMMARY\.json/);
    const badCount = await goProfiler(['bench-compare', '--base', 'HEAD', '--count', '1']);
    assert.equal(badCount.code, 2);
    assert.match(badCount.stderr, /--count must be a whole number from 2 to 20, not "1"/);
    const badRev = await goProfiler(['bench-compare', '--base', 'nope']);
    assert.equal(badRev.code, 2);
    assert.equal(badRev.stderr.trim().split('\n').length, 1);
    assert.match(badRev.stderr, /nope is not a commit/);
    const badPct = await goProfiler(['diff', 'a.pb.gz', '--base', 'b.pb.gz', '--fail-above', 'lots']);
    assert.equal(badPct.code, 2);
    assert.match(badPct.stderr, /--fail-above must be a percentage >= 0, not "lots"/);
  });
});
