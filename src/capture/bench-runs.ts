/**
 * The `go test` runs of a benchmark comparison: the timed rounds (all selected benchmarks,
 * -count=1 each, base and head alternately so drift hits both alike) and the profiling runs
 * (one benchmark at a fixed iteration count, -benchtime=Nx, CPU and memory profiles).
 * Both build with -trimpath, so base and head profiles name the same files (module-relative,
 * not the temporary worktree's folder) and per-line diffs line up.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CaptureError } from './errors';
import { runTool } from './process';

export interface BenchSide {
  /** Folder the packages are resolved from (the module's folder at that revision). */
  readonly dir: string;
  readonly label: string;
}

/** A regular expression matching exactly one benchmark, sub-benchmarks level by level. */
export function exactBenchPattern(name: string): string {
  return name
    .split('/')
    .map((part) => `^${part.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}$`)
    .join('/');
}

function failed(label: string, args: readonly string[], run: { code: number | null; stdout: string; stderr: string }): CaptureError {
  const output = run.stdout + run.stderr;
  const reason = output.split('\n').find((l) => /FAIL|error|cannot|undefined|no Go files|matched no packages/.test(l))?.trim() ?? `exit code ${run.code}`;
  return new CaptureError('build-failed', `go ${args.slice(0, 1).join(' ')} on ${label} failed: ${reason}`, output);
}

/** One timed round: every selected benchmark once; returns go test's output. */
export async function benchRound(
  go: string,
  side: BenchSide,
  bench: string,
  packages: readonly string[],
  extraFlags: readonly string[],
  signal?: AbortSignal,
): Promise<string> {
  const args = ['test', '-trimpath', '-run', '^$', '-bench', bench, '-benchmem', '-count=1', ...extraFlags, ...packages];
  const run = await runTool(go, args, { cwd: side.dir, ...(signal ? { signal } : {}) });
  if (run.interrupted) throw new CaptureError('cancelled', 'benchmark comparison cancelled');
  if (run.code !== 0) throw failed(side.label, args, run);
  return run.stdout;
}

export interface ProfileRun {
  readonly cpu: Buffer;
  readonly mem: Buffer;
  readonly output: string;
}

/** One benchmark of one package at exactly `iterations` iterations (after any -benchtime in extraFlags), with CPU and memory profiles. */
export async function profileRun(
  go: string,
  side: BenchSide,
  pkg: string,
  name: string,
  iterations: number,
  workDir: string,
  extraFlags: readonly string[],
  signal?: AbortSignal,
): Promise<ProfileRun> {
  const cpuFile = join(workDir, 'cpu.pprof');
  const memFile = join(workDir, 'mem.pprof');
  const args = [
    'test', '-trimpath', '-run', '^$', '-bench', exactBenchPattern(name), '-benchmem', '-count=1', ...extraFlags, `-benchtime=${iterations}x`,
    '-cpuprofile', cpuFile, '-memprofile', memFile, '-o', join(workDir, 'pkg.test'), pkg,
  ];
  const run = await runTool(go, args, { cwd: side.dir, ...(signal ? { signal } : {}) });
  if (run.interrupted) throw new CaptureError('cancelled', 'benchmark comparison cancelled');
  if (run.code !== 0) throw failed(side.label, args, run);
  return { cpu: await readFile(cpuFile), mem: await readFile(memFile), output: run.stdout };
}
