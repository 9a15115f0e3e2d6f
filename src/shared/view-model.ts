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
}

export interface TopParams {
  /** Index into `ProfileSummary.sampleTypes`. */
  readonly sampleIndex: number;
}

export interface TopRow {
  readonly name: string;
  readonly file: string;
  /** 0 when the granularity has no line. */
  readonly line: number;
  readonly flat: number;
  readonly cum: number;
  readonly flatText: string;
  readonly flatPercent: string;
  readonly sumPercent: string;
  readonly cumText: string;
  readonly cumPercent: string;
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
}

/**
 * Every view's data request: the webview asks the host, the host forwards to the worker.
 * Adding a view = adding a method here, its handler in the worker and its webview module.
 */
export interface ViewMethods {
  readonly top: { readonly params: TopParams; readonly result: TopView };
}

/** One entry per method, so the validator knows them all (the type makes it complete). */
export const viewMethodNames: { readonly [K in keyof ViewMethods]: true } = { top: true };
