/**
 * An earlier comparison's head as the base of a new one ("last saved run"): its raw benchmark
 * output, its merged CPU and memory profiles, and the iteration counts its profiles were
 * recorded at (each benchmark's first run in that comparison's base output), so the new head
 * is profiled at the same counts.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseBenchOutput, type BenchResult } from '../benchstat/bench-output';
import { PROFILE_EXTENSION, TEXT_EXTENSION } from '../store/naming';
import { CaptureError } from './errors';

/** The suffix of a saved comparison's JSON summary (beside its head CPU profile). */
export const SUMMARY_SUFFIX = '.bench-compare.json';

export interface SavedBase {
  readonly label: string;
  readonly output: string;
  /** Gunzipped merged profiles. */
  readonly cpu: Uint8Array;
  readonly mem: Uint8Array;
  /** Each benchmark's first run in the earlier base output (package, name, iterations). */
  readonly firsts: readonly BenchResult[];
}

/** Each benchmark's first result (its package and iteration count), in order. */
export function firstRuns(results: readonly BenchResult[]): BenchResult[] {
  const seen = new Map<string, BenchResult>();
  for (const r of results) if (!seen.has(`${r.pkg}\0${r.name}`)) seen.set(`${r.pkg}\0${r.name}`, r);
  return [...seen.values()];
}

/** The newest saved comparison summary in `folder`, or undefined. Names end in a sortable UTC time. */
export async function lastSavedSummary(folder: string): Promise<string | undefined> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const stamp = (n: string): string => /-(\d{8}T\d{6}Z)/.exec(n)?.[1] ?? '';
  const summaries = names.filter((n) => n.endsWith(SUMMARY_SUFFIX)).sort((a, b) => (stamp(a) < stamp(b) ? 1 : stamp(a) > stamp(b) ? -1 : 0));
  return summaries[0] === undefined ? undefined : join(folder, summaries[0]);
}

async function read(path: string, what: string, summaryPath: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    throw new CaptureError('bad-request', `saved comparison ${basename(summaryPath)}: cannot read its ${what} ${basename(path)} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

export async function loadSavedBase(summaryPath: string): Promise<SavedBase> {
  const bad = (why: string): CaptureError => new CaptureError('bad-request', `saved comparison ${basename(summaryPath)}: ${why}`);
  let profiles: { base?: unknown; head?: unknown } | undefined;
  try {
    profiles = (JSON.parse((await read(summaryPath, 'summary', summaryPath)).toString('utf8')) as { profiles?: typeof profiles }).profiles;
  } catch (e) {
    if (e instanceof CaptureError) throw e;
    throw bad(`not JSON (${(e as Error).message})`);
  }
  if (typeof profiles?.head !== 'string' || typeof profiles.base !== 'string') throw bad('no "profiles" with base and head');
  // The files sit beside the summary, whatever folder it was copied to.
  const dir = dirname(summaryPath);
  const headCpu = join(dir, basename(profiles.head));
  const baseCpu = join(dir, basename(profiles.base));
  const text = (profile: string): string => profile.slice(0, -PROFILE_EXTENSION.length) + TEXT_EXTENSION;
  const headMem = join(dir, basename(headCpu).replace(/-cpu-(?=\d{8}T\d{6}Z)/, '-allocs-'));
  const output = (await read(text(headCpu), 'head benchmark output', summaryPath)).toString('utf8');
  const baseOutput = (await read(text(baseCpu), 'base benchmark output', summaryPath)).toString('utf8');
  const firsts = firstRuns(parseBenchOutput(baseOutput));
  if (firsts.length === 0 || parseBenchOutput(output).length === 0) throw bad('its benchmark output has no results');
  const gunzip = (buf: Buffer, what: string): Uint8Array => {
    try {
      return gunzipSync(buf);
    } catch (e) {
      throw bad(`its ${what} is not a gzipped profile (${(e as Error).message})`);
    }
  };
  return {
    label: `last saved run (${basename(summaryPath).slice(0, -SUMMARY_SUFFIX.length)})`,
    output,
    cpu: gunzip(await read(headCpu, 'head CPU profile', summaryPath), 'head CPU profile'),
    mem: gunzip(await read(headMem, 'head memory profile', summaryPath), 'head memory profile'),
    firsts,
  };
}
