/**
 * A CPU recording running when the program ends: what the agent wrote (exit folder or
 * whole-run folder) turned into a capture, and the words for what was saved or lost.
 */
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import type { CaptureKind, CaptureResult } from './capture-kinds';
import { fields } from './proto-wire';

/** What became of a CPU recording at the program's end. */
export type RecordingAtExit =
  | { readonly saved: CaptureResult }
  /** A recording was running and the program ended without running the agent. */
  | { readonly lostSince: Date }
  /** Nothing was recording. */
  | undefined;

/** time_nanos and duration_nanos of an uncompressed profile (0 when absent). Pure. */
export function profileTimes(raw: Uint8Array): { timeNanos: number; durationNanos: number } {
  let timeNanos = 0;
  let durationNanos = 0;
  for (const f of fields(raw)) {
    if (f.wireType !== 0) continue;
    if (f.number === 9) timeNanos = f.value;
    else if (f.number === 10) durationNanos = f.value;
  }
  return { timeNanos, durationNanos };
}

/**
 * The profile the agent wrote at `path` as a capture (undefined if it wrote none), cleaned
 * by `withoutAgent`; its times come from the profile itself.
 */
export async function readWrittenProfile(kind: CaptureKind, path: string, withoutAgent: (gz: Uint8Array) => Uint8Array, fallbackEnd: Date): Promise<CaptureResult | undefined> {
  let gz: Buffer;
  try {
    gz = await readFile(path);
  } catch {
    return undefined;
  }
  const profile = withoutAgent(gz);
  const { timeNanos, durationNanos } = profileTimes(gunzipSync(gz));
  if (kind !== 'cpu' || timeNanos <= 0) return { kind, profile, startedAt: fallbackEnd, endedAt: fallbackEnd };
  const startedAt = new Date(timeNanos / 1e6);
  const endedAt = new Date((timeNanos + durationNanos) / 1e6);
  return { kind, profile, startedAt, endedAt, seconds: durationNanos / 1e9 };
}

function seconds(ms: number): string {
  return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
}

/** "workload exited with code 3 after 1.2 s of the 60 s window; the 1.2 s recorded are saved". Pure. */
export function savedAtExitNote(program: string, end: string, result: CaptureResult, windowSeconds?: number, what = 'CPU recording'): string {
  const recorded = seconds(result.endedAt.getTime() - result.startedAt.getTime());
  const when = windowSeconds === undefined ? `${recorded} into the ${what}` : `after ${recorded} of the ${windowSeconds} s window`;
  return `${program} ${end} ${when}; the ${recorded} recorded are saved`;
}

/** How the build lets the agent run at the end (build.ts). */
export interface EndHooks {
  readonly wrapsMain: boolean;
  readonly exitHook: boolean;
}

/** Why the agent could not run when the program ended `end` (describeEnd's words). Pure. */
export function whyLost(end: string, hooks: EndHooks): string {
  if (end === 'was killed by SIGKILL') return 'SIGKILL ends a program at once, with no chance to write anything';
  if (end.startsWith('was killed by ')) return 'a signal the program does not handle ends it at once (Stop Session writes the recording first)';
  if (end.startsWith('panicked')) {
    return hooks.wrapsMain
      ? "the panic was outside main's goroutine, and then the Go runtime ends the program without running any other code"
      : 'the Go runtime ends a panicking program without running any other code';
  }
  if (end.startsWith('hit a fatal error')) return 'a fatal error ends the program without running any other code';
  if (end === 'exited with code 2' && hooks.exitHook) {
    // os.Exit(2) would have run the hook: this is how the runtime ends a crashed program.
    return "code 2 is the Go runtime's for a panic outside main's goroutine or a fatal error (see the program's output), which end it without running any other code";
  }
  if (end.startsWith('exited with code')) {
    return hooks.exitHook
      ? "it left without the Go runtime's exit hooks (syscall.Exit, or an exit from C code)"
      : 'os.Exit runs no other code with this build (the exit hook needs Go 1.23 or later and no -ldflags in GOFLAGS)';
  }
  return 'the program gave no chance to write it';
}

/** "the CPU recording started at 12:00:01 (2.3 s) was lost: workload was killed by SIGKILL; SIGKILL ends …". Pure. */
export function lostAtExitMessage(program: string, end: string, since: Date, endedAt: Date, hooks: EndHooks, what = 'CPU recording'): string {
  const at = since.toTimeString().slice(0, 8);
  return `the ${what} started at ${at} (${seconds(endedAt.getTime() - since.getTime())}) was lost: ${program} ${end}; ${whyLost(end, hooks)}`;
}
