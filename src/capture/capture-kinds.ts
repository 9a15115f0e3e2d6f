/** The kinds of capture, what one returns, and parsing of `cpu=5s,heap,...` lists. Pure. */

export const CAPTURE_KINDS = ['cpu', 'heap', 'heap-nogc', 'allocs', 'goroutine', 'block', 'mutex', 'threadcreate', 'trace'] as const;
export type CaptureKind = (typeof CAPTURE_KINDS)[number];

/** Kinds that record over a window of seconds. */
export const TIMED_KINDS: ReadonlySet<CaptureKind> = new Set<CaptureKind>(['cpu', 'block', 'mutex', 'trace']);
export const DEFAULT_WINDOW_SECONDS = 5;

export interface CaptureRequest {
  readonly kind: CaptureKind;
  /** Recording window for cpu, block, mutex and trace. */
  readonly seconds?: number;
}

export interface CaptureResult {
  readonly kind: CaptureKind;
  /** The profile as the Go runtime wrote it (gzipped profile.proto); for 'trace', the execution trace. */
  readonly profile: Uint8Array;
  /** The `debug=2` goroutine dump, for 'goroutine'. */
  readonly text?: string;
  readonly startedAt: Date;
  readonly endedAt: Date;
  readonly seconds?: number;
  /** Said beside the capture, e.g. that the program ended before the window did and what was saved. */
  readonly note?: string;
}

/**
 * Block and mutex sampling from program start (the agent's environment): the arguments of
 * runtime.SetMutexProfileFraction (1 in N contention events) and runtime.SetBlockProfileRate
 * (one sample per N nanoseconds blocked). 0 leaves that sampling off until a capture's window.
 */
export interface SamplingRates {
  readonly mutexProfileFraction: number;
  readonly blockProfileRate: number;
}

/** The defaults of the settings goProfiler.mutexProfileFraction / blockProfileRate (overhead: README, Speed). */
export const DEFAULT_SAMPLING: SamplingRates = { mutexProfileFraction: 100, blockProfileRate: 10_000 };

/** Anything captures can be taken from: the injected agent or a net/http/pprof URL. */
export interface CaptureSource {
  capture(request: CaptureRequest, signal?: AbortSignal): Promise<CaptureResult>;
}

export function isCaptureKind(text: string): text is CaptureKind {
  return (CAPTURE_KINDS as readonly string[]).includes(text);
}

/** "5s", "500ms", "1m", "2.5" (seconds) → seconds; undefined if malformed or not positive. */
export function parseSeconds(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!match) return undefined;
  const value = Number(match[1]);
  const unit = match[2] ?? 's';
  const seconds = unit === 'ms' ? value / 1000 : unit === 'm' ? value * 60 : value;
  return seconds > 0 ? seconds : undefined;
}

/** Parses "cpu=5s,heap,block=2s"; throws an Error naming the bad item. Each kind at most once. */
export function parseCaptureList(text: string): CaptureRequest[] {
  const requests: CaptureRequest[] = [];
  for (const rawItem of text.split(',')) {
    const item = rawItem.trim();
    if (item === '') continue;
    const [name = '', duration] = item.split('=', 2);
    if (!isCaptureKind(name)) {
      throw new Error(`unknown capture "${name}" (expected one of ${CAPTURE_KINDS.join(', ')})`);
    }
    if (requests.some((r) => r.kind === name)) throw new Error(`capture "${name}" is listed twice`);
    if (TIMED_KINDS.has(name)) {
      const seconds = duration === undefined ? DEFAULT_WINDOW_SECONDS : parseSeconds(duration);
      if (seconds === undefined) throw new Error(`capture "${item}": duration must look like 5s, 500ms or 1m`);
      requests.push({ kind: name, seconds });
    } else {
      if (duration !== undefined) throw new Error(`capture "${item}": ${name} takes no duration`);
      requests.push({ kind: name });
    }
  }
  return requests;
}
