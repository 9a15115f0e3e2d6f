/** Turns a decoded Profile into the plain view-model data the webview shows. */
import type { Profile } from '../pprof';
import type { ReportOptions } from '../analysis/options';
import { topTableFromStacks, type TopTable } from '../analysis/top';
import { buildStacks } from '../analysis/stacks';
import { chooseOutputUnit, formatPercent, formatValue } from '../shared/units';
import type { TopRow, TopView } from '../shared/top-view';
import type { LabelKeyView, ProfileSummary } from '../shared/view-model';

/** Rows past this are left out of a message; the view says how many. The table is virtualised. */
export const MAX_TOP_ROWS = 1_000_000;
/** Distinct values listed per label key in the tag filter. */
const MAX_LABEL_VALUES = 200;

/** A comparison: the base profile's table (same options) and its name. */
export interface TopBase {
  readonly table: TopTable;
  readonly current: TopTable;
  readonly source: string;
}

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
    labels: labelKeys(profile),
  };
}

/** String label keys and their distinct values, sorted; numeric labels are left out. */
export function labelKeys(profile: Profile): LabelKeyView[] {
  const { samples, strings } = profile;
  const byKey = new Map<number, Set<number>>();
  const same = samples.sameLabel;
  // One label per sample, all alike: no need to make (and read) the columns.
  if (same !== undefined && same.str !== 0) byKey.set(same.key, new Set([same.str]));
  const end = same !== undefined ? 0 : (samples.labelStart[samples.count] ?? 0);
  for (let i = 0; i < end; i++) {
    const str = samples.labelStr[i]!;
    if (str === 0) continue;
    const key = samples.labelKey[i]!;
    let values = byKey.get(key);
    if (!values) byKey.set(key, (values = new Set()));
    if (values.size < MAX_LABEL_VALUES) values.add(str);
  }
  return [...byKey]
    .map(([key, values]) => ({ key: strings[key] ?? '', values: [...values].map((v) => strings[v] ?? '').sort() }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function buildTopView(
  profile: Profile,
  sampleIndex: number,
  maxRows = MAX_TOP_ROWS,
  options: ReportOptions = { sampleIndex },
  base?: TopBase,
): TopView {
  const stacks = buildStacks(profile, { ...options, sampleIndex });
  const table = topTableFromStacks(stacks);
  const baseFlat = base && flatByName(base.table);
  const currentFlat = base && flatByName(base.current);
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
      startLine: stacks.frames[row.frame]?.startLine ?? 0,
      flat: row.flat,
      cum: row.cum,
      flatText: format(row.flat),
      flatPercent: share(row.flat),
      sumPercent: share(sum),
      cumText: format(row.cum),
      cumPercent: share(row.cum),
      ...(base && baseFlat && currentFlat
        ? {
            diff: {
              base: baseFlat.get(row.name) ?? 0,
              current: currentFlat.get(row.name) ?? 0,
              baseText: format(baseFlat.get(row.name) ?? 0),
              currentText: format(currentFlat.get(row.name) ?? 0),
              deltaPercent: `${row.flat < 0 ? '-' : ''}${formatPercent(row.flat, base.table.total).trim()}`,
            },
          }
        : {}),
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
    ...(base ? { baseSource: base.source } : {}),
  };
}

function flatByName(table: TopTable): Map<string, number> {
  const out = new Map<string, number>();
  for (const row of table.rows) out.set(row.name, (out.get(row.name) ?? 0) + row.flat);
  return out;
}
