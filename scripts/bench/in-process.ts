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

/** Median wall and CPU milliseconds of a stage (CPU: the whole process, GC threads included). */
export interface StageTiming {
  readonly wallMs: number;
  readonly cpuMs: number;
}

export interface StageTimings {
  /** A timing, or a reason the stage could not be timed. */
  readonly decode: StageTiming | string;
  readonly top: StageTiming | string;
  readonly flame: StageTiming | string;
  readonly samples: number | undefined;
}

export async function timeMedian(runs: number, work: () => unknown): Promise<StageTiming> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const startCpu = process.cpuUsage();
    const start = performance.now();
    await work();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(startCpu);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wallMs: median(wall), cpuMs: median(cpu) };
}

function reason(error: unknown): string {
  return `n/a (failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
}

export async function timeStages(engine: Engine, path: string, runs: number): Promise<StageTimings> {
  const notBuilt = 'n/a (not built)';
  const { readProfileFile, topTable, buildFlameTree } = engine;
  if (!readProfileFile) return { decode: notBuilt, top: notBuilt, flame: notBuilt, samples: undefined };
  let profile: Profile | undefined;
  let decode: StageTiming | string;
  try {
    decode = await timeMedian(runs, async () => {
      profile = await readProfileFile(path);
    });
  } catch (error) {
    return { decode: reason(error), top: 'n/a', flame: 'n/a', samples: undefined };
  }
  const decoded = profile;
  if (!decoded) return { decode, top: 'n/a', flame: 'n/a', samples: undefined };
  const stage = async (analyse: Analyse | undefined): Promise<StageTiming | string> => {
    if (!analyse) return notBuilt;
    try {
      return await timeMedian(runs, () => analyse(decoded, {}));
    } catch (error) {
      return reason(error);
    }
  };
  return {
    decode,
    top: await stage(topTable),
    flame: await stage(buildFlameTree),
    samples: decoded.samples.count,
  };
}
