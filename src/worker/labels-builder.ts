/** The Labels tab's data: analysis/labels.ts with pprof's formatting. */
import type { Profile } from '../pprof';
import { buildLabels } from '../analysis/labels';
import { selectSampleType } from '../analysis/sample-type';
import type { LabelsView } from '../shared/labels-view';
import type { ViewQuery } from '../shared/view-model';
import { formatPercent, formatValue } from '../shared/units';
import { toReportOptions } from './report-options';

export function buildLabelsView(profile: Profile, query: ViewQuery): LabelsView {
  const sampleIndex = selectSampleType(profile, query.sampleIndex);
  const report = buildLabels(profile, toReportOptions(query, sampleIndex));
  const unit = report.sampleType.unit;
  const share = (total: number): { total: number; totalText: string; percentText: string } => ({
    total,
    totalText: formatValue(total, unit),
    percentText: formatPercent(total, report.total).trim(),
  });
  return {
    sampleIndex,
    total: report.total,
    totalText: formatValue(report.total, unit),
    keys: report.keys.map((k) => {
      const { totalText, percentText } = share(k.total);
      return {
        key: k.key,
        numeric: k.numeric,
        unit: k.unit,
        totalText,
        percentText,
        none: share(k.none),
        values: k.values.map((v) => ({ value: v.value, filter: v.filter, ...share(v.total) })),
      };
    }),
  };
}
