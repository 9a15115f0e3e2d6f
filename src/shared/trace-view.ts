/**
 * The Go Trace editor's view model (built from a trace in the trace worker, shown by
 * webview/trace) and the messages between that webview and the host. Times are nanoseconds
 * from the trace's first event; frames and reasons are sent once in tables and referred to by
 * index, and timeline slices are flat number arrays, so a trace of a million events stays small.
 */
import { isIndex, isRecord } from './guards';

export const TRACE_VIEW_TYPE = 'goProfiler.traceEditor';

export interface TraceFrameView {
  readonly func: string;
  readonly file: string;
  /** 0 when unknown. */
  readonly line: number;
}

/** One P's row: what ran on it, SLICE_FIELDS numbers per slice. */
export interface TraceProcRow {
  readonly proc: number;
  /** [start, end, goroutine, stack, reason] per slice: stack indexes `stacks`, reason `reasons` (why it stopped). */
  readonly slices: readonly number[];
}

export const SLICE_FIELDS = 5;

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
  readonly procs: readonly TraceProcRow[];
  /** [start, end] pairs. */
  readonly gc: readonly number[];
  readonly stw: readonly number[];
  /** [time, bytes] pairs of the live heap. */
  readonly heap: readonly number[];
  readonly frames: readonly TraceFrameView[];
  /** Frame indexes, innermost first. */
  readonly stacks: readonly (readonly number[])[];
  readonly reasons: readonly string[];
  readonly goroutines: readonly TraceGoroutineRow[];
  readonly groups: readonly TraceGoroutineRow[];
  readonly tasks: readonly TraceTaskRow[];
  readonly logs: readonly TraceLogRow[];
}

export type HostToTraceView = { readonly kind: 'trace'; readonly model: TraceViewModel } | { readonly kind: 'error'; readonly message: string };

export type TraceViewToHost = { readonly kind: 'ready' } | { readonly kind: 'openSource'; readonly frame: number };

/** A message from the trace webview, checked (the webview's content is not trusted). */
export function parseTraceViewMessage(value: unknown): TraceViewToHost | undefined {
  if (!isRecord(value)) return undefined;
  if (value.kind === 'ready') return { kind: 'ready' };
  if (value.kind === 'openSource' && isIndex(value.frame)) return { kind: 'openSource', frame: value.frame };
  return undefined;
}
