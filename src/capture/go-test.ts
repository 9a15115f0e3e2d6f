/**
 * Profiles one test or benchmark with `go test`: CPU, memory, block and mutex profiles and an
 * execution trace in one run, each saved to the profiles folder with a sidecar.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SavedProfile } from '../store/profile-store';
import { programName } from './build';
import { CaptureError } from './errors';
import { findGo } from './find-go';
import { resolvePackage } from './go-package';
import { runTool } from './process';
import { saveCaptureResult } from './save-capture';

export interface GoTestProfileOptions {
  /** Folder of the package under test; `go test` runs there. */
  readonly pkgDir: string;
  /** A test name (TestX) or a benchmark name (BenchmarkX); exactly one. */
  readonly test?: string;
  readonly bench?: string;
  readonly outDir: string;
  /** Explicit path of the go command; otherwise PATH. */
  readonly go?: string;
  /** More `go test` flags, e.g. -benchtime=2s or -tags=x. */
  readonly extraFlags?: readonly string[];
}

export interface GoTestProfileResult {
  /** `go test`'s exit code: 0 when the selected test or benchmark passed. */
  readonly exitCode: number;
  readonly passed: boolean;
  /** go test's combined output (test log, failures, benchmark lines). */
  readonly output: string;
  /** Saved profiles, CPU first, the execution trace last. */
  readonly saved: readonly SavedProfile[];
}

/** The profiles (and the trace) `go test` writes and the store type each becomes. */
const PROFILE_FLAGS = [
  { flag: '-cpuprofile', file: 'cpu.pprof', type: 'cpu' },
  { flag: '-memprofile', file: 'mem.pprof', type: 'heap' },
  { flag: '-blockprofile', file: 'block.pprof', type: 'block' },
  { flag: '-mutexprofile', file: 'mutex.pprof', type: 'mutex' },
  { flag: '-trace', file: 'trace.out', type: 'trace' },
] as const;

/** `go test` arguments selecting exactly one test or benchmark. Pure. */
export function goTestArgs(options: Pick<GoTestProfileOptions, 'test' | 'bench' | 'extraFlags'>, profileDir: string): string[] {
  const name = options.test ?? options.bench;
  if ((options.test === undefined) === (options.bench === undefined) || !name || !/^\w+$/.test(name)) {
    throw new CaptureError('bad-request', 'give exactly one test (TestX) or benchmark (BenchmarkX) name');
  }
  const select = options.test !== undefined ? ['-run', `^${name}$`] : ['-bench', `^${name}$`, '-run', '^$'];
  const profiles = PROFILE_FLAGS.flatMap((p) => [p.flag, join(profileDir, p.file)]);
  return ['test', '-count=1', ...select, ...profiles, '-o', join(profileDir, 'package.test'), ...(options.extraFlags ?? []), '.'];
}

export async function profileGoTest(options: GoTestProfileOptions): Promise<GoTestProfileResult> {
  const go = findGo(options.go ? { explicit: options.go } : {});
  const workDir = await mkdtemp(join(tmpdir(), 'go-profiler-test-'));
  try {
    const args = goTestArgs(options, workDir);
    const selector = (options.test ?? options.bench)!;
    const pkg = await resolvePackage(go, '.', options.pkgDir);
    const startedAt = new Date();
    const run = await runTool(go, args, { cwd: options.pkgDir });
    const endedAt = new Date();
    const output = run.stdout + run.stderr;
    const context = {
      program: `${programName(pkg)}.${selector}`,
      packagePath: pkg.importPath,
      args: args.slice(1),
      goVersion: pkg.goVersion,
      ...(pkg.module ? { module: pkg.module } : {}),
      sourceRoot: pkg.dir,
    };
    const saved: SavedProfile[] = [];
    for (const p of PROFILE_FLAGS) {
      let profile: Buffer;
      try {
        profile = await readFile(join(workDir, p.file));
      } catch {
        continue; // not written (build failure, or the test binary crashed)
      }
      const result = { kind: p.type, profile, startedAt, endedAt };
      saved.push(await saveCaptureResult(options.outDir, result, context, { source: 'go-test', test: selector }));
    }
    if (saved.length === 0) {
      const reason = output.split('\n').find((l) => /FAIL|error|undefined|cannot/.test(l)) ?? `exit code ${run.code}`;
      throw new CaptureError('build-failed', `go test ${selector} in ${options.pkgDir} wrote no profiles: ${reason.trim()}`, output);
    }
    return { exitCode: run.code ?? 1, passed: run.code === 0, output, saved };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
