/**
 * The Go Trace editor's view model (built from a trace in the trace worker, shown by
 * webview/trace) and the messages between that webview and the host. Times are nanoseconds
 * from the trace's first event; frames and reasons are sent once in tables and referred to by
 * index, and timeline slices are flat number arrays, so a trace of a million events stays small.
 */
import { isIndex, isRecord } from './guards';
import { parseWindowRequest, type TraceWindow, type TraceWindowRequest } from './trace-window';

export const TRACE_VIEW_TYPE = 'goProfiler.traceEditor';

export interface TraceFrameView {
  readonly func: string;
  readonly file: string;
  /** 0 when unknown. */
  readonly line: number;
}

/**
 * Every running slice of the trace (a goroutine from start to stop on one P), in order of
 * start, in two typed arrays (sent as binary, not JSON): SLICE_TIMES numbers per slice in
 * `times` and SLICE_INTS in `ints`, at the offsets below. Rows refer to slices by index.
 */
export interface TraceSlices {
  readonly count: number;
  readonly times: Float64Array;
  readonly ints: Int32Array;
}

export const SLICE_TIMES = 3;
/** Offsets in `times`: start, end, and when the goroutine became runnable before it ran (-1: not in the trace). */
export const T_START = 0;
export const T_END = 1;
export const T_READY = 2;

export const SLICE_INTS = 11;
/** Offsets in `ints`. Stacks index `stacks`, reasons `reasons`; -1 is "none". */
export const I_GOROUTINE = 0;
export const I_PROC = 1;
export const I_THREAD = 2;
/** The stack where it stopped. */
export const I_STACK = 3;
/** Why it stopped. */
export const I_REASON = 4;
/** The state it went to (STATE_*), -1 if still running at the end of the trace. */
export const I_STOP_STATE = 5;
/** Why it was waiting before it was made runnable (reason index; 0: not waiting). */
export const I_WAIT_REASON = 6;
/** The goroutine whose event made it runnable (the unblocker or creator), -1 if none. */
export const I_UNBLOCKER = 7;
export const I_UNBLOCKER_PROC = 8;
/** The unblocker's stack at that event. */
export const I_UNBLOCK_STACK = 9;
/** What made it runnable: READY_KINDS. */
export const I_READY_KIND = 10;

/** Goroutine states in slices and strips (the numbers of Go's trace.GoState). */
export const STATE_RUNNABLE = 2;
export const STATE_RUNNING = 3;
export const STATE_WAITING = 4;
export const STATE_SYSCALL = 5;
export const STATE_ENDED = 1;

/** What made a goroutine runnable, by I_READY_KIND. */
export const READY_KINDS = ['', 'created', 'unblocked', 'preempted or yielded', 'returned from a syscall without its P', 'runnable when the trace began'] as const;
export const READY_CREATED = 1;
export const READY_UNBLOCKED = 2;
export const READY_STOPPED = 3;
export const READY_SYSCALL = 4;
export const READY_STATUS = 5;

/** One slice's numbers. */
export interface TraceSlice {
  readonly index: number;
  readonly start: number;
  readonly end: number;
  readonly ready: number;
  readonly goroutine: number;
  readonly proc: number;
  readonly thread: number;
  readonly stack: number;
  readonly reason: number;
  readonly stopState: number;
  readonly waitReason: number;
  readonly unblocker: number;
  readonly unblockerProc: number;
  readonly unblockStack: number;
  readonly readyKind: number;
}

export function sliceAt(s: TraceSlices, index: number): TraceSlice {
  const t = index * SLICE_TIMES;
  const n = index * SLICE_INTS;
  const i = s.ints;
  return {
    index,
    start: s.times[t + T_START]!,
    end: s.times[t + T_END]!,
    ready: s.times[t + T_READY]!,
    goroutine: i[n + I_GOROUTINE]!,
    proc: i[n + I_PROC]!,
    thread: i[n + I_THREAD]!,
    stack: i[n + I_STACK]!,
    reason: i[n + I_REASON]!,
    stopState: i[n + I_STOP_STATE]!,
    waitReason: i[n + I_WAIT_REASON]!,
    unblocker: i[n + I_UNBLOCKER]!,
    unblockerProc: i[n + I_UNBLOCKER_PROC]!,
    unblockStack: i[n + I_UNBLOCK_STACK]!,
    readyKind: i[n + I_READY_KIND]!,
  };
}

/** A timeline row of running slices (a P, a thread, a start function): indexes into TraceSlices, in order of start. */
export interface TraceSliceRow {
  /** The P or thread id, or the index into `groups`. */
  readonly id: number;
  readonly slices: Int32Array;
}

/** Syscalls: SYSCALL_FIELDS numbers each, [start, end, goroutine, thread, stack]. */
export const SYSCALL_FIELDS = 5;
/** User regions: REGION_FIELDS numbers each, [start, end, goroutine, name (index into reasons), task id]; end -1 if not ended. */
export const REGION_FIELDS = 5;

/** The timeline's geometry in CSS pixels: each row's height and the label column's width. */
export const TIMELINE_ROW_HEIGHT = 20;
export const TIMELINE_LABEL_WIDTH = 160;

/** Goroutine analysis per goroutine or per start function (sums), in nanoseconds. */
export interface TraceGoroutineRow {
  /** The start function ("" if unknown). */
  readonly name: string;
  /** Index into `frames` of the start function's frame, or -1. */
  readonly frame: number;
  /** The goroutine's id, or the number of goroutines of a group. */
  readonly id: number;
  readonly count: number;
  readonly total: number;
  readonly exec: number;
  readonly schedWait: number;
  /** Blocked on channels, select, mutexes and the like. */
  readonly syncBlock: number;
  readonly netWait: number;
  /** In syscalls, with or without the P. */
  readonly syscall: number;
  /** Blocked for another reason (sleep, GC, ...). */
  readonly otherBlock: number;
  readonly gcAssist: number;
}

export interface TraceTaskRow {
  readonly id: number;
  readonly name: string;
  readonly start: number;
  /** -1 when the task did not end in the trace. */
  readonly end: number;
}

export interface TraceLogRow {
  readonly time: number;
  readonly goroutine: number;
  readonly category: string;
  readonly message: string;
}

export interface TraceViewModel {
  readonly fileName: string;
  /** The Go version N of "go 1.N trace". */
  readonly version: number;
  readonly durationNs: number;
  readonly events: number;
  readonly gcCycles: number;
  /**
   * False for a large trace: `slices` and the rows below hold only a window (see
   * trace-window.ts) and the webview asks for the window it shows; true when they hold all.
   */
  readonly complete: boolean;
  readonly slices: TraceSlices;
  readonly procs: readonly TraceSliceRow[];
  readonly threads: readonly TraceSliceRow[];
  /** One row per start function, `id` indexing `groups`, in the order of `groups`. */
  readonly groupRows: readonly TraceSliceRow[];
  readonly syscalls: Float64Array;
  readonly regions: Float64Array;
  /** [start, end] pairs. */
  readonly gc: readonly number[];
  readonly stw: readonly number[];
  /** [time, bytes] pairs of the live heap. */
  readonly heap: Float64Array;
  readonly frames: readonly TraceFrameView[];
  /** Frame indexes, innermost first. */
  readonly stacks: readonly (readonly number[])[];
  /** Reasons and region names. */
  readonly reasons: readonly string[];
  readonly goroutines: readonly TraceGoroutineRow[];
  readonly groups: readonly TraceGoroutineRow[];
  readonly tasks: readonly TraceTaskRow[];
  readonly logs: readonly TraceLogRow[];
}

export type HostToTraceView = { readonly kind: 'trace'; readonly model: TraceViewModel } | { readonly kind: 'window'; readonly window: TraceWindow } | { readonly kind: 'error'; readonly message: string };

export type TraceViewToHost = { readonly kind: 'ready' } | { readonly kind: 'openSource'; readonly frame: number } | { readonly kind: 'window'; readonly request: TraceWindowRequest };

/** A message from the trace webview, checked (the webview's content is not trusted). */
export function parseTraceViewMessage(value: unknown): TraceViewToHost | undefined {
  if (!isRecord(value)) return undefined;
  if (value.kind === 'ready') return { kind: 'ready' };
  if (value.kind === 'openSource' && isIndex(value.frame)) return { kind: 'openSource', frame: value.frame };
  if (value.kind === 'window') {
    const request = parseWindowRequest(value.request);
    return request === undefined ? undefined : { kind: 'window', request };
  }
  return undefined;
}
