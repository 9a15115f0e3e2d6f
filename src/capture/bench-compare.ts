/**
 * Benchmarks at two revisions: the base checked out into a temporary git worktree (the head
 * is the user's working tree unless a revision is given, then a second worktree), `count`
 * timed rounds run alternately (base/head, then head/base), then each benchmark profiled once per side at the
 * iteration count of its first base run. The base can instead be an earlier comparison's
 * saved head ("last saved run", see saved-bench.ts): then only the head runs. Saves the merged CPU and memory profiles of each
 * side (the raw benchmark output beside each CPU profile) and a JSON summary into the
 * profiles folder. Worktrees are removed afterwards, also on failure or cancel.
 */
import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { parseBenchOutput } from '../benchstat/bench-output';
import { compareBenchmarks, type UnitTable } from '../benchstat/compare';
import { compareSummary, type CompareSummary } from '../benchstat/summary-json';
import { PROFILE_EXTENSION } from '../store/naming';
import type { SavedProfile } from '../store/profile-store';
import { benchRound, profileRun, type BenchSide } from './bench-runs';
import { CaptureError } from './errors';
import { findGo } from './find-go';
import { resolvePackage } from './go-package';
import { addWorktree, repositoryRoot, resolveRevision, type Worktree } from './git-worktree';
import { mergeProfiles } from './merge-profiles';
import { firstRuns, loadSavedBase, SUMMARY_SUFFIX, type SavedBase } from './saved-bench';
import { saveCaptureResult } from './save-capture';

export const DEFAULT_BENCH_COUNT = 6;
/** Up to 20 runs per side the intervals and U test are exact and agree with benchstat to the bit. */
export const MAX_BENCH_COUNT = 20;

export interface BenchCompareOptions {
  /** Folder in the user's checkout the packages are resolved from. */
  readonly cwd: string;
  /** A revision, or an earlier comparison's saved summary whose head becomes the base ("last saved run"). */
  readonly base: string | { readonly saved: string };
  /** A revision, or undefined for the working tree as it is. */
  readonly head?: string;
  /** -bench regular expression; default "." (all). */
  readonly bench?: string;
  readonly count?: number;
  /** Package patterns; default ".". */
  readonly packages?: readonly string[];
  readonly outDir: string;
  readonly go?: string;
  readonly extraFlags?: readonly string[];
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: { readonly done: number; readonly total: number; readonly what: string }) => void;
}

export interface SavedSide {
  readonly cpu: SavedProfile;
  readonly mem: SavedProfile;
}

export interface BenchCompareResult {
  readonly tables: readonly UnitTable[];
  readonly summary: CompareSummary;
  readonly summaryPath: string;
  readonly base: SavedSide & { readonly label: string; readonly output: string };
  readonly head: SavedSide & { readonly label: string; readonly output: string };
  /** Benchmarks whose sec/op changed significantly, the largest |delta| first. */
  readonly changed: readonly string[];
}

export function checkBenchCount(count: number): number {
  if (!Number.isInteger(count) || count < 2 || count > MAX_BENCH_COUNT) {
    throw new CaptureError('bad-request', `count must be a whole number from 2 to ${MAX_BENCH_COUNT} (got ${count})`);
  }
  return count;
}

export async function compareBenchmarkRevisions(options: BenchCompareOptions): Promise<BenchCompareResult> {
  const count = checkBenchCount(options.count ?? DEFAULT_BENCH_COUNT);
  const go = findGo(options.go ? { explicit: options.go } : {});
  const cwd = await realpath(options.cwd);
  const saved = typeof options.base === 'string' ? undefined : await loadSavedBase(options.base.saved);
  // A saved base against the working tree needs no git at all.
  const repo = saved && options.head === undefined ? cwd : await realpath(await repositoryRoot(cwd));
  const inRepo = relative(repo, cwd);
  const baseRev = typeof options.base === 'string' ? options.base : undefined;
  const baseCommit = baseRev === undefined ? undefined : await resolveRevision(repo, baseRev);
  const headCommit = options.head === undefined ? undefined : await resolveRevision(repo, options.head);
  const worktrees: Worktree[] = [];
  const workDir = await mkdtemp(join(tmpdir(), 'go-profiler-bench-'));
  try {
    let base: BaseSide = { dir: '', label: saved?.label ?? '', ...(saved ? { saved } : {}) };
    if (baseCommit !== undefined) {
      const baseTree = await addWorktree(repo, baseCommit);
      worktrees.push(baseTree);
      base = { dir: join(baseTree.dir, inRepo), label: `${baseRev} (${baseCommit.slice(0, 7)})` };
    }
    let head: BenchSide = { dir: cwd, label: 'working tree' };
    if (headCommit !== undefined) {
      const headTree = await addWorktree(repo, headCommit);
      worktrees.push(headTree);
      head = { dir: join(headTree.dir, inRepo), label: `${options.head} (${headCommit.slice(0, 7)})` };
    }
    return await runComparison(go, base, head, count, workDir, options);
  } finally {
    for (const w of worktrees) await w.remove();
    await rm(workDir, { recursive: true, force: true });
  }
}

/** The base side: run now at a revision, or taken from an earlier saved comparison. */
type BaseSide = BenchSide & { readonly saved?: SavedBase };

async function runComparison(go: string, base: BaseSide, head: BenchSide, count: number, workDir: string, options: BenchCompareOptions): Promise<BenchCompareResult> {
  const bench = options.bench ?? '.';
  const packages = options.packages?.length ? options.packages : ['.'];
  const flags = options.extraFlags ?? [];
  let done = 0;
  // A saved base is not run again: only the head runs, then is profiled.
  const sides = base.saved ? 1 : 2;
  let total = sides * count;
  const step = (what: string): void => options.onProgress?.({ done, total, what });
  const outputs = { base: base.saved ? [base.saved.output] : ([] as string[]), head: [] as string[] };
  for (let round = 1; round <= count; round++) {
    // base, head, then head, base: drift over the run (machine load, heat) hits both sides alike.
    const order = [['base', base], ['head', head]] as const;
    for (const [key, side] of round % 2 === 1 ? order : ([order[1], order[0]] as const)) {
      if (key === 'base' && base.saved) continue;
      step(`run ${round}/${count} of ${side.label}`);
      outputs[key].push(await benchRound(go, side, bench, packages, flags, options.signal));
      done++;
    }
  }
  const baseResults = parseBenchOutput(outputs.base.join('\n'));
  const headResults = parseBenchOutput(outputs.head.join('\n'));
  if (baseResults.length === 0 || headResults.length === 0) {
    const side = baseResults.length === 0 ? base : head;
    throw new CaptureError('bad-request', `no benchmark matching ${bench} ran on ${side.label} in ${packages.join(' ')}`);
  }
  // Profiled: the benchmarks that ran on the head (a saved base may list others).
  const firsts = (base.saved?.firsts ?? firstRuns(baseResults)).filter((f) => headResults.some((h) => h.name === f.name && h.pkg === f.pkg));
  total += sides * firsts.length;
  const profiles = {
    base: { cpu: base.saved ? [base.saved.cpu] : ([] as Uint8Array[]), mem: base.saved ? [base.saved.mem] : ([] as Uint8Array[]) },
    head: { cpu: [] as Uint8Array[], mem: [] as Uint8Array[] },
  };
  for (const first of firsts) {
    for (const [key, side] of [['base', base], ['head', head]] as const) {
      if (key === 'base' && base.saved) continue;
      step(`profiling ${first.name} (${first.iterations}x) on ${side.label}`);
      const run = await profileRun(go, side, first.pkg ?? packages[0]!, first.name, first.iterations, workDir, flags, options.signal);
      profiles[key].cpu.push(gunzipSync(run.cpu));
      profiles[key].mem.push(gunzipSync(run.mem));
      done++;
    }
  }
  step('saving');
  const tables = compareBenchmarks(baseResults, headResults);
  // Resolved in the user's checkout: the hints map both sides' (trimmed) paths onto its files.
  const pkg = await resolvePackage(go, firsts[0]!.pkg ?? packages[0]!, options.cwd);
  const context = {
    packagePath: pkg.importPath,
    args: ['-bench', bench, `-count=${count}`, ...flags, ...packages],
    goVersion: pkg.goVersion,
    ...(pkg.module ? { module: pkg.module } : {}),
    sourceRoot: pkg.dir,
  };
  const now = new Date();
  const save = async (key: 'base' | 'head', side: BenchSide): Promise<SavedSide> => {
    const program = `${pkg.name || 'bench'}.${key}`;
    const how = { source: 'go-test' as const, test: `${bench} @ ${side.label}` };
    const merged = (list: Uint8Array[]): Buffer => gzipSync(mergeProfiles(list));
    const text = outputs[key].join('\n');
    const cpu = await saveCaptureResult(options.outDir, { kind: 'cpu', profile: merged(profiles[key].cpu), text, startedAt: now, endedAt: now }, { ...context, program }, how);
    const mem = await saveCaptureResult(options.outDir, { kind: 'allocs', profile: merged(profiles[key].mem), startedAt: now, endedAt: now }, { ...context, program }, how);
    return { cpu, mem };
  };
  const savedBase = await save('base', base);
  const savedHead = await save('head', head);
  const summary = compareSummary(tables, { base: savedBase.cpu.profilePath, head: savedHead.cpu.profilePath });
  const summaryPath = savedHead.cpu.profilePath.slice(0, -PROFILE_EXTENSION.length) + SUMMARY_SUFFIX;
  await writeFile(summaryPath, JSON.stringify(summary, null, 2) + '\n', { flag: 'wx' });
  const changed = summary.benchmarks
    .filter((b) => b.significant && b.deltaPct !== null)
    .sort((a, b) => Math.abs(b.deltaPct!) - Math.abs(a.deltaPct!))
    .map((b) => b.name);
  return {
    tables,
    summary,
    summaryPath,
    base: { ...savedBase, label: base.label, output: outputs.base.join('\n') },
    head: { ...savedHead, label: head.label, output: outputs.head.join('\n') },
    changed,
  };
}
