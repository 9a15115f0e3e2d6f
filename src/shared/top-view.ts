/** The top table's request and data (worker → host → webview). */
import type { ComparisonTotals } from './diff-view';
import { checkedMethod } from './rpc';
import { parseViewQuery } from './validate-views';
import type { SampleTypeView, ViewQuery } from './view-model';

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

export const topMethod = checkedMethod<TopParams, TopView>(parseViewQuery);
