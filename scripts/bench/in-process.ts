/**
 * In-process timings of the engine's stages: decode (read + inflate + decode), the top
 * table and the flame tree. A stage whose module is not there yet is reported as missing.
 */
import type { ReportOptions } from '../../src/analysis/options';
import type { Profile } from '../../src/pprof/profile';
import { median } from './measure-process';

type ReadProfileFile = (path: string) => Promise<Profile>;
type Analyse = (profile: Profile, options: ReportOptions) => unknown;

export interface Engine {
  readonly readProfileFile: ReadProfileFile | undefined;
  readonly topTable: Analyse | undefined;
  readonly buildFlameTree: Analyse | undefined;
}

async function optional<T>(load: () => Promise<T>): Promise<T | undefined> {
  try {
    return await load();
  } catch {
    return undefined;
  }
}

export async function loadEngine(): Promise<Engine> {
  return {
    readProfileFile: await optional(async () => (await import('../../src/pprof/read-file-node')).readProfileFile),
    topTable: await optional(async () => (await import('../../src/analysis/top')).topTable),
    buildFlameTree: await optional(async () => (await import('../../src/analysis/flame')).buildFlameTree),
  };
}

export interface StageTimings {
  /** Median milliseconds, or a reason the stage could not be timed. */
  readonly decodeMs: number | string;
  readonly topMs: number | string;
  readonly flameMs: number | string;
  readonly samples: number | undefined;
}

async function timeMedian(runs: number, work: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return median(times);
}

function reason(error: unknown): string {
  return `n/a (failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
}

export async function timeStages(engine: Engine, path: string, runs: number): Promise<StageTimings> {
  const notBuilt = 'n/a (not built)';
  const { readProfileFile, topTable, buildFlameTree } = engine;
  if (!readProfileFile) return { decodeMs: notBuilt, topMs: notBuilt, flameMs: notBuilt, samples: undefined };
  let profile: Profile | undefined;
  let decodeMs: number | string;
  try {
    decodeMs = await timeMedian(runs, async () => {
      profile = await readProfileFile(path);
    });
  } catch (error) {
    return { decodeMs: reason(error), topMs: 'n/a', flameMs: 'n/a', samples: undefined };
  }
  const decoded = profile;
  if (!decoded) return { decodeMs, topMs: 'n/a', flameMs: 'n/a', samples: undefined };
  const stage = async (analyse: Analyse | undefined): Promise<number | string> => {
    if (!analyse) return notBuilt;
    try {
      return await timeMedian(runs, () => analyse(decoded, {}));
    } catch (error) {
      return reason(error);
    }
  };
  return {
    decodeMs,
    topMs: await stage(topTable),
    flameMs: await stage(buildFlameTree),
    samples: decoded.samples.count,
  };
}
