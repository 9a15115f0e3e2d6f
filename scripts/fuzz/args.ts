/** Command line of `npm run fuzz`. */
export interface FuzzArgs {
  readonly count: number;
  readonly seconds: number;
  readonly seed: number;
  readonly from: number;
  readonly workers: number;
  readonly giant: boolean;
  /**
   * An input still running after this long (wall clock) is a hang: its worker is ended and the
   * input saved. Generous, because a niced run on a busy machine can be starved for seconds.
   */
  readonly hangMs: number;
  /** Per-input time bound the summary checks. */
  readonly boundMs: number;
  /** Old-generation cap of each worker thread. */
  readonly workerHeapMb: number;
}

export const usage = `usage: npm run fuzz -- [--count N] [--seconds S] [--seed N] [--from INDEX] [--workers 1|2] [--no-giant]
  --count N      inputs to try (default 1000000)
  --seconds S    stop after S seconds even if fewer were tried (default 7200)
  --seed N       seed of the mutations (default 1); a crasher note names its seed and index
  --from INDEX   first input index (default 0); replay one input with --from I --count 1
  --workers N    worker threads, at most 2 (default 2)
  --no-giant     skip the one generated 10,000,000-sample input`;

function numberAfter(argv: readonly string[], i: number, flag: string): number {
  const text = argv[i + 1];
  const value = Number(text);
  if (text === undefined || !Number.isFinite(value) || value < 0) throw new Error(`${flag} needs a non-negative number\n${usage}`);
  return value;
}

export function parseFuzzArgs(argv: readonly string[]): FuzzArgs {
  let count = 1_000_000;
  let seconds = 7200;
  let seed = 1;
  let from = 0;
  let workers = 2;
  let giant = true;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '--count') count = numberAfter(argv, i++, flag);
    else if (flag === '--seconds') seconds = numberAfter(argv, i++, flag);
    else if (flag === '--seed') seed = numberAfter(argv, i++, flag) >>> 0;
    else if (flag === '--from') from = numberAfter(argv, i++, flag);
    else if (flag === '--workers') workers = Math.min(2, Math.max(1, numberAfter(argv, i++, flag)));
    else if (flag === '--no-giant') giant = false;
    else throw new Error(`unknown argument ${flag}\n${usage}`);
  }
  return { count, seconds, seed, from, workers, giant, hangMs: 60_000, boundMs: 1000, workerHeapMb: 2048 };
}
