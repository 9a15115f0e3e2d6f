import type { CallGraphParams, CallGraphView } from './callgraph-view';
import type { ComparisonTotals } from './diff-view';
import type { GoroutinesView } from './goroutines-view';

/**
 * What the views show, computed in the decode worker and sent to the webview as plain data.
 * Numbers are raw (for sorting and tests); `...Text` fields are already formatted like pprof.
 */

export interface SampleTypeView {
  readonly type: string;
  readonly unit: string;
}

/** The profile's metadata: what the header of `go tool pprof -top` shows, and more. */
export interface ProfileSummary {
  /** File name the user recognises. */
  readonly source: string;
  readonly sampleTypes: readonly SampleTypeView[];
  readonly defaultSampleTypeIndex: number;
  readonly periodType: SampleTypeView | undefined;
  readonly period: number;
  /** Empty when the profile has no period type. */
  readonly periodText: string;
  /** Wall-clock time the profile was taken, in ns since the Unix epoch; 0 when unknown. */
  readonly timeNanos: number;
  readonly durationNanos: number;
  /** Empty when the duration is unknown (0). */
  readonly durationText: string;
  readonly sampleCount: number;
  readonly comments: readonly string[];
  /** The profile's string label keys and their distinct values (for the tag filter). */
  readonly labels: readonly LabelKeyView[];
}

export interface LabelKeyView {
  readonly key: string;
  readonly values: readonly string[];
}

export type GranularityView = 'functions' | 'filefunctions' | 'lines' | 'files';
export const granularities: readonly GranularityView[] = ['functions', 'filefunctions', 'lines', 'files'];

/**
 * The report options every view is computed with (pprof's flags). Absent fields take pprof's
 * defaults; the webview leaves them out rather than sending empty strings.
 */
export interface ViewQuery {
  /** Index into `ProfileSummary.sampleTypes`. */
  readonly sampleIndex: number;
  readonly granularity?: GranularityView;
  readonly focus?: string;
  readonly ignore?: string;
  readonly hide?: string;
  readonly show?: string;
  readonly tagFocus?: string;
  /** Compare with the base profile loaded by "Compare with…" (ignored when there is none). */
  readonly diff?: boolean;
}

export type TopParams = ViewQuery;

export interface TopRow {
  readonly name: string;
  readonly file: string;
  /** 0 when the granularity has no line. */
  readonly line: number;
  /** First line of the function (0 when unknown), where "open source" goes when `line` is 0. */
  readonly startLine?: number;
  readonly flat: number;
  readonly cum: number;
  readonly flatText: string;
  readonly flatPercent: string;
  readonly sumPercent: string;
  readonly cumText: string;
  readonly cumPercent: string;
  /** With a base profile: the row's flat in the base and in the current profile (delta = flat). */
  readonly diff?: TopRowDiff;
}

export interface TopRowDiff {
  readonly base: number;
  readonly current: number;
  readonly baseText: string;
  readonly currentText: string;
  /** flat (current - base) as a share of the base total, like `go tool pprof -diff_base`. */
  readonly deltaPercent: string;
}

export interface TopView {
  readonly sampleIndex: number;
  readonly sampleType: SampleTypeView;
  readonly total: number;
  readonly totalText: string;
  readonly rows: readonly TopRow[];
  /** Sum of the flat values of `rows`, and its share of the total (pprof's "Showing nodes accounting for"). */
  readonly shownText: string;
  readonly shownPercent: string;
  /** Rows left out to keep the message small (the least significant ones). */
  readonly omittedRows: number;
  /** Name of the base profile when the rows are a comparison. */
  readonly baseSource?: string;
  /** With a base profile: both profiles' totals, the same in every view. */
  readonly comparison?: ComparisonTotals;
}

export interface FrameView {
  readonly name: string;
  readonly file: string;
  /** 0 unless the granularity has lines. */
  readonly line: number;
  readonly startLine: number;
}

/**
 * A merged stack tree (flame graph, call trees) in typed arrays: node 0 is the root, the
 * children of n are firstChild[n] .. firstChild[n] + childCount[n] - 1.
 */
export interface StackTreeView {
  readonly sampleIndex: number;
  readonly unit: string;
  readonly total: number;
  readonly totalText: string;
  readonly frames: readonly FrameView[];
  /** Frame index per node, -1 for the root. */
  readonly frame: Int32Array;
  readonly parent: Int32Array;
  readonly firstChild: Int32Array;
  readonly childCount: Int32Array;
  readonly value: Float64Array;
  readonly self: Float64Array;
  /**
   * With a base profile (flame graph): the node's value in the base (same path of names), 0
   * when absent. The tree then holds every path of either profile: `value` and `self` are the
   * current profile's (0 on a path only the base has).
   */
  readonly base?: Float64Array;
  /** With a base profile (flame graph): the node's self value in the base, 0 when absent. */
  readonly baseSelf?: Float64Array;
  readonly baseSource?: string;
  /** With a base profile: both profiles' totals, the same in every view. */
  readonly comparison?: ComparisonTotals;
}

export type TreeDirection = 'top-down' | 'bottom-up';

export interface TreeParams extends ViewQuery {
  readonly direction: TreeDirection;
}

export interface PeekParams extends ViewQuery {
  /** Exact printable name of the function. */
  readonly name: string;
}

export interface PeekRowView {
  readonly name: string;
  readonly value: number;
  readonly valueText: string;
  readonly percent: string;
}

export interface PeekView {
  readonly name: string;
  readonly flatText: string;
  readonly cumText: string;
  readonly callers: readonly PeekRowView[];
  readonly callees: readonly PeekRowView[];
}

/**
 * Every view's data request: the webview asks the host, the host forwards to the worker.
 * Adding a view = adding a method here, its handler in the worker and its webview module.
 */
export interface ViewMethods {
  readonly top: { readonly params: TopParams; readonly result: TopView };
  readonly flame: { readonly params: ViewQuery; readonly result: StackTreeView };
  readonly tree: { readonly params: TreeParams; readonly result: StackTreeView };
  readonly peek: { readonly params: PeekParams; readonly result: PeekView };
  readonly callgraph: { readonly params: CallGraphParams; readonly result: CallGraphView };
  readonly goroutines: { readonly params: ViewQuery; readonly result: GoroutinesView };
}

/** One entry per method, so the validator knows them all (the type makes it complete). */
export const viewMethodNames: { readonly [K in keyof ViewMethods]: true } = { top: true, flame: true, tree: true, peek: true, callgraph: true, goroutines: true };
