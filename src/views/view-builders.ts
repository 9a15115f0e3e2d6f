/** Turns a decoded Profile into the plain view-model data the webview shows. */
import type { Profile } from '../pprof';
import { topTable } from '../analysis/top';
import { chooseOutputUnit, formatPercent, formatValue } from '../analysis/units';
import type { ProfileSummary, TopRow, TopView } from '../shared/view-model';

/** Rows past this are left out of a message; the view says how many. */
export const MAX_TOP_ROWS = 5000;

export function buildSummary(profile: Profile, source: string): ProfileSummary {
  const periodType = profile.periodType;
  return {
    source,
    sampleTypes: profile.sampleTypes.map((t) => ({ type: t.type, unit: t.unit })),
    defaultSampleTypeIndex: profile.defaultSampleTypeIndex,
    periodType: periodType && { type: periodType.type, unit: periodType.unit },
    period: profile.period,
    periodText: periodType && profile.period !== 0 ? formatValue(profile.period, periodType.unit) : '',
    timeNanos: profile.timeNanos,
    durationNanos: profile.durationNanos,
    durationText: profile.durationNanos > 0 ? formatValue(profile.durationNanos, 'nanoseconds') : '',
    sampleCount: profile.samples.count,
    comments: [...profile.comments],
  };
}

export function buildTopView(profile: Profile, sampleIndex: number, maxRows = MAX_TOP_ROWS): TopView {
  const table = topTable(profile, { sampleIndex });
  const { total } = table;
  const unit = table.sampleType.unit;
  // Like pprof's text reports: every value in one unit, chosen from the smallest row.
  const outputUnit = chooseOutputUnit(table.rows, total, unit);
  const format = (value: number): string => formatValue(value, unit, outputUnit);
  const share = (value: number): string => formatPercent(value, total).trim();
  const rows: TopRow[] = [];
  let sum = 0;
  let shown = 0;
  for (const row of table.rows) {
    sum += row.flat;
    if (rows.length >= maxRows) continue;
    shown = sum;
    rows.push({
      // As the last column of `go tool pprof -top` prints it, e.g. "runtime.add (inline)".
      name: row.inlineLabel ? `${row.name} ${row.inlineLabel}` : row.name,
      file: row.file,
      line: row.line,
      flat: row.flat,
      cum: row.cum,
      flatText: format(row.flat),
      flatPercent: share(row.flat),
      sumPercent: share(sum),
      cumText: format(row.cum),
      cumPercent: share(row.cum),
    });
  }
  return {
    sampleIndex,
    sampleType: { type: table.sampleType.type, unit },
    total,
    totalText: format(total),
    rows,
    shownText: format(shown),
    shownPercent: share(shown),
    omittedRows: table.rows.length - rows.length,
  };
}
