/**
 * Each benchmark's own profiles in a comparison: the profiling runs record one benchmark at a
 * time (-benchtime=Nx), so besides the merged profiles every benchmark keeps its base and head
 * CPU and memory profiles, saved as `<pkg>.<side>.<BenchmarkName>-cpu|allocs-<time>.pb.gz`
 * (so a diff's tab names the benchmark) and listed in the JSON summary.
 */
import type { BenchProfilePaths } from '../benchstat/summary-json';
import type { SavedProfile } from '../store/profile-store';
import { exactBenchPattern, type BenchSide } from './bench-runs';
import type { ProgramContext } from './save-capture';
import { saveCaptureResult } from './save-capture';

/** Gzipped profile files as go test wrote them. */
export interface RawProfiles {
  readonly cpu: Uint8Array;
  readonly mem: Uint8Array;
}

export interface SavedSide {
  readonly cpu: SavedProfile;
  readonly mem: SavedProfile;
}

/** One benchmark's saved profiles; no base when a saved base did not keep this benchmark's own. */
export interface BenchmarkProfiles {
  readonly name: string;
  readonly base?: SavedSide;
  readonly head: SavedSide;
}

export async function saveBenchmarkSide(
  outDir: string,
  context: ProgramContext,
  key: 'base' | 'head',
  side: BenchSide,
  name: string,
  raw: RawProfiles,
  now: Date,
): Promise<SavedSide> {
  // The side before the name: a long name may be cut to fit a file name, the side may not.
  const program = `${context.program}.${key}.${name}`;
  const how = { source: 'go-test' as const, test: `${exactBenchPattern(name)} @ ${side.label}` };
  const save = (kind: 'cpu' | 'allocs', profile: Uint8Array): Promise<SavedProfile> =>
    saveCaptureResult(outDir, { kind, profile: profile, startedAt: now, endedAt: now }, { ...context, program }, how);
  return { cpu: await save('cpu', raw.cpu), mem: await save('allocs', raw.mem) };
}

/** The summary's record of the files (paths of the CPU and memory profiles per side). */
export function benchmarkProfilePaths(list: readonly BenchmarkProfiles[]): BenchProfilePaths[] {
  const paths = (s: SavedSide): { cpu: string; allocs: string } => ({ cpu: s.cpu.profilePath, allocs: s.mem.profilePath });
  return list.map((b) => ({ name: b.name, ...(b.base ? { base: paths(b.base) } : {}), head: paths(b.head) }));
}
