// Benchmarks at two revisions of a real repository (real git, real Go): the statistics
// against the real benchstat on the saved output, the diff against `go tool pprof
// -diff_base` on the saved profiles, the merge against `go tool pprof -proto`, the user's
// checkout untouched and the temporary worktrees gone (also after cancel or failure).
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { mergeForDiff } from '../../../src/analysis/diff';
import { topTable } from '../../../src/analysis/top';
import { compareBenchmarks, deltaText, pText } from '../../../src/benchstat/compare';
import { parseBenchOutput, shortBenchName } from '../../../src/benchstat/bench-output';
import { compareBenchmarkRevisions, type BenchCompareResult } from '../../../src/capture/bench-compare';
import { profileRun } from '../../../src/capture/bench-runs';
import { CaptureError } from '../../../src/capture/errors';
import { mergeProfiles } from '../../../src/capture/merge-profiles';
import { runDiffGate } from '../../../src/cli/diff-gate';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import { listProfiles } from '../../../src/store/profile-store';
import { benchstatCsv } from '../../support/benchstat-tool';
import { run } from '../../support/go-fixtures';
import { goPprofTop, pprofBinary, pprofEnv } from '../../support/go-pprof';
import { withTempDir } from '../capture/helpers';
import { gitStatus, makeSlowdownRepo, SLOW, STEADY, worktreeList } from '../../support/slowdown-repo';

// Each op takes microseconds: 60ms per timed run keeps the 12 rounds short and the
// profile runs (at the first base run's iteration count) long enough for some samples.
const FLAGS = ['-benchtime=60ms'];

describe('benchmark comparison at two revisions (real git, Go, benchstat, pprof)', () => {
  let dir: string;
  let repo: string;
  let out: string;
  let result: BenchCompareResult;
  let statusBefore: string;
  const progress: string[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bench17-compare-'));
    repo = join(dir, 'repo');
    out = join(dir, 'profiles');
    await run('mkdir', ['-p', repo, out]);
    await makeSlowdownRepo(repo);
    // An untracked file: the user's checkout must stay exactly as it is.
    await writeFile(join(repo, 'notes.txt'), 'mine\n');
    statusBefore = await gitStatus(repo);
    result = await compareBenchmarkRevisions({
      cwd: repo,
      base: 'HEAD~1',
      outDir: out,
      extraFlags: FLAGS,
      onProgress: (p) => progress.push(`${p.done}/${p.total} ${p.what}`),
    });
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('finds exactly one significant slowdown, the function made 3x slower', () => {
    // A slowdown: significant (as benchstat judges it) and more than machine noise (20%).
    const slowdowns = result.summary.benchmarks.filter((b) => b.significant && (b.deltaPct ?? 0) > 20).map((b) => b.name);
    assert.deepEqual(slowdowns, ['BenchmarkSlow'], JSON.stringify(result.summary.benchmarks));
    assert.equal(result.changed[0], 'BenchmarkSlow');
    // Steady is unchanged code; on a shared, noisy machine it may still drift a little either way.
    assert.ok(result.summary.benchmarks.some((b) => b.name === 'BenchmarkSteady'));
  });

  it('agrees with benchstat on the saved raw output: deltas, "~" verdicts, p values', async () => {
    const baseText = await readFile(result.base.cpu.textPath!, 'utf8');
    const headText = await readFile(result.head.cpu.textPath!, 'utf8');
    assert.equal(baseText, result.base.output);
    assert.equal(parseBenchOutput(baseText).length, 12, 'two benchmarks x 6 runs');
    const oldFile = join(dir, 'old.txt');
    const newFile = join(dir, 'new.txt');
    await writeFile(oldFile, baseText);
    await writeFile(newFile, headText);
    const theirs = await benchstatCsv(oldFile, newFile);
    const ours = compareBenchmarks(parseBenchOutput(baseText), parseBenchOutput(headText));
    assert.deepEqual(ours.map((t) => t.unit), [...theirs.keys()]);
    for (const table of ours) {
      for (const row of table.rows) {
        const want = theirs.get(table.unit)!.find((r) => r.name.replace(/-\d+$/, '') === shortBenchName(row.name));
        assert.ok(want, `${row.name} in benchstat's ${table.unit} table`);
        assert.equal(deltaText(row), want.delta, `${table.unit} ${row.name} delta`);
        assert.equal(pText(row), want.p, `${table.unit} ${row.name} p`);
      }
    }
    const slow = theirs.get('sec/op')!.find((r) => r.name.startsWith('Slow'))!;
    assert.match(slow.delta, /^\+\d/, 'benchstat also calls Slow significantly slower');
  });

  it('saves both merged profiles, the raw output and the JSON summary where Recent Profiles lists them', async () => {
    const listed = (await listProfiles(out)).map((p) => p.profilePath).sort();
    assert.deepEqual(listed, [result.base.cpu.profilePath, result.base.mem.profilePath, result.head.cpu.profilePath, result.head.mem.profilePath].sort());
    const json = JSON.parse(await readFile(result.summaryPath, 'utf8')) as unknown;
    assert.deepEqual(json, JSON.parse(JSON.stringify(result.summary)));
    const summary = result.summary;
    assert.deepEqual(summary.profiles, { base: result.base.cpu.profilePath, head: result.head.cpu.profilePath });
    for (const b of summary.benchmarks) {
      assert.deepEqual(Object.keys(b), ['name', 'base', 'head', 'deltaPct', 'p', 'significant']);
      assert.deepEqual(Object.keys(b.base), ['secPerOp', 'bytesPerOp', 'allocsPerOp']);
      assert.ok(b.base.secPerOp! > 0 && b.head.secPerOp! > 0);
    }
    assert.equal(result.head.cpu.sidecar.capture.source, 'go-test');
  });

  it('puts the slowed function first in the diff, as go tool pprof -diff_base does, with the same numbers', async () => {
    const base = result.base.cpu.profilePath;
    const head = result.head.cpu.profilePath;
    const pprof = await goPprofTop(head, { diffBase: base });
    assert.equal(pprof.rows[0]!.name, SLOW);
    const ours = topTable(mergeForDiff(await readProfileFile(head), await readProfileFile(base), 'diff_base'), {});
    assert.equal(ours.rows[0]!.name, SLOW);
    for (const name of [SLOW, STEADY]) {
      assert.equal(ours.rows.find((r) => r.name === name)?.flat, pprof.rows.find((r) => r.name === name)?.flat, name);
    }
    // Equal iteration counts: 3x the work per op shows as about 3x the time (loosely: samples are few).
    const slowBase = topTable(await readProfileFile(base), {}).rows.find((r) => r.name === SLOW)!.flat;
    const slowHead = topTable(await readProfileFile(head), {}).rows.find((r) => r.name === SLOW)!.flat;
    assert.ok(slowHead > 1.5 * slowBase, `Slow: ${slowBase} ns in base, ${slowHead} ns in head`);

    // The CI gate on the same files: Slow is the first offender, by pprof's delta.
    const [code, text] = await runDiffGate(10, [head, '--base', base, '--json']);
    assert.equal(code, 1);
    const gate = JSON.parse(text) as { offenders: { name: string; delta: number }[] };
    assert.equal(gate.offenders[0]!.name, SLOW);
    assert.equal(gate.offenders[0]!.delta, pprof.rows[0]!.flat);
    const [okCode] = await runDiffGate(10, [base, '--base', base]);
    assert.equal(okCode, 0);
  });

  it('leaves the checkout as it was and removes the temporary worktrees', async () => {
    assert.equal(await gitStatus(repo), statusBefore);
    assert.equal((await worktreeList(repo)).length, 1);
    assert.ok(progress.some((p) => /^\d+\/\d+ run 6\/6 of working tree$/.test(p)), progress.join('\n'));
  });

  it('takes the last saved run as the base: only the head runs, profiled at the saved iteration counts', async () => {
    const steps: string[] = [];
    const again = await compareBenchmarkRevisions({
      cwd: repo,
      base: { saved: result.summaryPath },
      outDir: out,
      extraFlags: FLAGS,
      onProgress: (p) => steps.push(`${p.done}/${p.total} ${p.what}`),
    });
    assert.equal(again.base.output, result.head.output);
    assert.match(again.base.label, /^last saved run \(slowdown\.head-cpu-\d{8}T\d{6}Z\)$/);
    // 6 head rounds and 2 head profile runs; the base is not run again.
    assert.ok(steps.every((s) => !s.includes('of last saved run') && !s.includes('on last saved run')), steps.join('\n'));
    assert.ok(steps.includes('6/8 profiling BenchmarkSlow (' + parseBenchOutput(result.base.output)[0]!.iterations + 'x) on working tree'), steps.join('\n'));
    const savedHead = topTable(await readProfileFile(result.head.cpu.profilePath), {});
    const newBase = topTable(await readProfileFile(again.base.cpu.profilePath), {});
    assert.deepEqual(newBase.rows, savedHead.rows);
    assert.deepEqual(again.summary.benchmarks.map((b) => b.name), ['BenchmarkSlow', 'BenchmarkSteady']);
    assert.equal((await worktreeList(repo)).length, 1);
    await assert.rejects(compareBenchmarkRevisions({ cwd: repo, base: { saved: join(dir, 'none.bench-compare.json') }, outDir: out }), /saved comparison none\.bench-compare\.json: cannot read its summary/);
  });

  it('merges profiles exactly as go tool pprof -proto does', async () => {
    const work = join(dir, 'merge');
    await run('mkdir', ['-p', work]);
    const side = { dir: repo, label: 'head' };
    const a = await profileRun('go', side, '.', 'BenchmarkSlow', 20000, work, [], undefined);
    const b = await profileRun('go', side, '.', 'BenchmarkSteady', 20000, work, [], undefined);
    const fa = join(work, 'a.pb.gz');
    const fb = join(work, 'b.pb.gz');
    await writeFile(fa, a.cpu);
    await writeFile(fb, b.cpu);
    const ours = join(work, 'ours.pb');
    await writeFile(ours, mergeProfiles([gunzipSync(a.cpu), gunzipSync(b.cpu)]));
    const theirs = join(work, 'theirs.pb.gz');
    await run(await pprofBinary(), ['-proto', '-output', theirs, fa, fb], { env: pprofEnv() });
    for (const sampleIndex of ['samples', 'cpu']) {
      const want = await goPprofTop(theirs, { sampleIndex });
      const got = await goPprofTop(ours, { sampleIndex });
      assert.equal(got.total, want.total, sampleIndex);
      assert.deepEqual(got.rows, want.rows, sampleIndex);
      assert.ok(got.rows.some((r) => r.name === SLOW) && got.rows.some((r) => r.name === STEADY));
    }
  });
});

describe('benchmark comparison failures (real git, Go)', () => {
  it('cancels: the run ends, nothing is saved, the worktree is removed', async () => {
    await withTempDir(async (dir) => {
      const repo = join(dir, 'repo');
      await run('mkdir', ['-p', repo, join(dir, 'out')]);
      await makeSlowdownRepo(repo);
      const controller = new AbortController();
      await assert.rejects(
        compareBenchmarkRevisions({
          cwd: repo,
          base: 'HEAD~1',
          outDir: join(dir, 'out'),
          extraFlags: FLAGS,
          signal: controller.signal,
          onProgress: (p) => {
            if (p.done === 1) controller.abort();
          },
        }),
        (e: unknown) => e instanceof CaptureError && e.failure === 'cancelled',
      );
      assert.equal((await worktreeList(repo)).length, 1);
      assert.deepEqual(await listProfiles(join(dir, 'out')), []);
    });
  });

  it('names a base that is not a commit, and a base where the benchmarks do not build', async () => {
    await withTempDir(async (dir) => {
      const repo = join(dir, 'repo');
      await run('mkdir', ['-p', repo]);
      await makeSlowdownRepo(repo);
      await assert.rejects(compareBenchmarkRevisions({ cwd: repo, base: 'no-such-branch', outDir: dir }), /no-such-branch is not a commit/);
      await writeFile(join(repo, 'work.go'), 'package slowdown\n\nfunc Slow( {\n');
      await run('git', ['-c', 'user.name=t', '-c', 'user.email=t@e', 'commit', '--quiet', '-am', 'broken'], { cwd: repo });
      await assert.rejects(compareBenchmarkRevisions({ cwd: repo, base: 'HEAD', outDir: dir, extraFlags: FLAGS }), /go test on HEAD \([0-9a-f]{7}\) failed/);
      assert.equal((await worktreeList(repo)).length, 1);
    });
  });
});
