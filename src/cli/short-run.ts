/**
 * V8's optimizing compiler on a small profile. A report on a small profile is over within
 * milliseconds, and V8 still optimizes the decoder's and the report's loops on the way (they
 * run a few thousand times): on the 20,001-goroutine profile, `traces` spent ~20 ms of CPU
 * compiling code that then ran for a few milliseconds. A longer interrupt budget (how much
 * bytecode a function runs between two checks of whether it is worth optimizing) leaves such
 * a run in the interpreter and baseline code; big profiles, where optimized loops are what
 * counts, keep V8's default.
 */
import { gzipSizeHint, isGzip } from '../pprof/inflate';

/** Profiles up to this size (inflated, as the gzip trailer announces it) count as small. */
export const SHORT_RUN_MAX_BYTES = 1024 * 1024;

/**
 * V8's default (--interrupt-budget, 66 KB of bytecode) times 32, for a small profile: measured
 * against 1x and 4x (CPU medians, alternating runs), `traces` on 300 KB profiles took 246 / 172 /
 * 143 ms, `tree` 256 / 180 / 157 ms; on a 1.5 MB one `traces` and `peek` were the same within the
 * noise, and `peek` on large.cpu (2.4 MB) 10 % slower: the bound below stays under that.
 */
const BUDGET = 32 * 66 * 1024;

/**
 * Off until the command line's own run turns it on (start() in src/cli.ts): the build's run of
 * the bundle that makes its code cache (scripts/cli-code-cache.ts) must leave V8's flags as they
 * are, or V8 would refuse the cache it writes (a cache is only taken under the same flags).
 */
let enabled = false;

export function enableShortRunTuning(): void {
  enabled = true;
}

/** The V8 flags for a run on `files` (their bytes, as read): the longer budget when they are small together. */
export function shortRunFlags(files: readonly Uint8Array[]): string | undefined {
  let total = 0;
  for (const bytes of files) total += isGzip(bytes) ? gzipSizeHint(bytes) : bytes.length;
  return total <= SHORT_RUN_MAX_BYTES ? `--interrupt-budget=${BUDGET}` : undefined;
}

/** Sets shortRunFlags(files), once enabled. */
export async function tuneForFiles(files: readonly Uint8Array[]): Promise<void> {
  const flags = enabled ? shortRunFlags(files) : undefined;
  if (flags === undefined) return;
  const { setFlagsFromString } = await import('./v8-flags');
  try {
    setFlagsFromString(flags);
  } catch {
    // Only a speed-up: a Node that refuses flags after start-up runs the report as it is.
  }
}
