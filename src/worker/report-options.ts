/** The webview's ViewQuery as the analysis' ReportOptions (same names as pprof's flags). */
import type { ReportOptions } from '../analysis/options';
import type { ViewQuery } from '../shared/view-model';

export function toReportOptions(query: ViewQuery, sampleIndex: number): ReportOptions {
  const { granularity, focus, ignore, hide, show, tagFocus, transforms, tagIgnore, tagRoot, tagLeaf } = query;
  return { sampleIndex, granularity, focus, ignore, hide, show, tagFocus, transforms, tagIgnore, tagRoot, tagLeaf };
}

/** A cache key: the query's options only, in a fixed order. */
export function queryKey(method: string, query: ViewQuery & { readonly direction?: string; readonly name?: string }): string {
  const { sampleIndex, granularity, focus, ignore, hide, show, tagFocus, diff, direction, name, transforms, tagIgnore, tagRoot, tagLeaf } = query;
  return JSON.stringify([method, sampleIndex, granularity, focus, ignore, hide, show, tagFocus, diff, direction, name, transforms ?? [], tagIgnore, tagRoot, tagLeaf]);
}
