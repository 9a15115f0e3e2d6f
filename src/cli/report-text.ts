/** Header lines of the text reports, as `go tool pprof` prints them (shared with the top text). */
import type { Profile } from '../pprof/profile';
import type { ReportOptions } from '../analysis/options';
import { activeFilterLines, headerLines, profileHeader } from '../analysis/top-text';
import { formatValue } from '../shared/units';
import type { Controls } from '../analysis/printable';

/** pprof's profile labels: File, Build ID, comments, Type, Time, Duration with the total (`controls`: analysis/printable.ts). */
export function profileLabels(profile: Profile, sampleType: string, total: number, unit: string, outputUnit: string, controls: Controls): string[] {
  return headerLines(profileHeader(profile), sampleType, unit, total, (v) => formatValue(v, unit, outputUnit), controls);
}

/** pprof's "Active filters:" legend for the filter options in use. */
export function activeFilters(options: ReportOptions, controls: Controls): string[] {
  return activeFilterLines(options, controls);
}
