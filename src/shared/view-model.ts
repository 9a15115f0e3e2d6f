/**
 * What every view shares: the profile's summary, the view query, and the stack tree the flame
 * graph and the call trees show. Each view's own request and data are in `<view>-view.ts`.
 * Computed in the decode worker and sent to the webview as plain data; numbers are raw (for
 * sorting and tests), `...Text` fields are already formatted like pprof.
 */
import type { Transform } from './transforms';
import type { ComparisonTotals } from './diff-view';

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
  readonly tagIgnore?: string;
  /** pprof -tagroot / -tagleaf: label keys whose values become root / leaf frames of every stack. */
  readonly tagRoot?: readonly string[];
  readonly tagLeaf?: readonly string[];
  /** Compare with the base profile loaded by "Compare with…" (ignored when there is none). */
  readonly diff?: boolean;
  /** The transform chain (right-click menu), applied after the filters; absent or [] = none. */
  readonly transforms?: readonly Transform[];
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
  /**
   * Set on the first, coarse flame tree of a big profile (only frames wide enough to see):
   * the webview paints it, then asks for the whole tree (`flameWhole`) and draws that instead.
   * allNodes: the whole tree's node count, when it was built first (the coarse tree is usually built alone).
   */
  readonly coarse?: { readonly shownNodes: number; readonly allNodes?: number };
  /** Set on a `flameWhole` answer holding only the first nodes of a big tree: `treePart` gives the rest. */
  readonly partial?: { readonly nodeCount: number };
}
