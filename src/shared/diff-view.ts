/** What a comparison ("Compare with…") adds to the views' data (worker → host → webview). */
import type { TopView } from './top-view';
import { formatPercent } from './units';

/**
 * The totals of the two profiles of a comparison, each as `go tool pprof` reports it for that
 * profile alone (every sample, before focus and other filters). Every view of a comparison
 * carries the same figures, so the summary shows one total whichever view asked.
 */
export interface ComparisonTotals {
  readonly base: number;
  readonly current: number;
  readonly baseText: string;
  readonly currentText: string;
}

/**
 * The total a view reports for the summary: its own, or while comparing, the current
 * profile's then the base's, the same figures whichever view asked.
 */
export function summaryTotalText(view: { readonly totalText: string; readonly comparison?: ComparisonTotals }): string {
  const totals = view.comparison;
  return totals ? `${totals.currentText} (base ${totals.baseText})` : view.totalText;
}

/**
 * The top table's "shown, share of total": its own (pprof -base's total of |delta|), or while
 * comparing, against the base total like the delta% column and `go tool pprof -diff_base`.
 */
export function shownOfTotalText(view: TopView): string {
  const totals = view.comparison;
  if (!totals) return `${view.shownText}, ${view.shownPercent} of ${view.totalText} total`;
  const shown = view.rows.reduce((sum, row) => sum + row.flat, 0);
  return `${view.shownText}, ${formatPercent(shown, totals.base).trim()} of the base total ${totals.baseText}`;
}
