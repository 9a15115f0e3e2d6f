/** Text reports as `go tool pprof` prints them: its header lines and the -top table. */
import type { Profile } from '../pprof/profile';
import type { TopTable } from '../analysis/top';
import type { ReportOptions } from '../analysis/options';
import { chooseOutputUnit, formatPercent, formatValue, scaleValue } from '../analysis/units';

/** pprof's profile labels: File, Build ID, comments, Type, Time, Duration with the total. */
export function profileLabels(profile: Profile, sampleType: string, total: number, unit: string, outputUnit: string): string[] {
  const out: string[] = [];
  const main = profile.mappings[0];
  if (main?.filename) out.push(`File: ${main.filename.split('/').pop() ?? main.filename}`);
  if (main?.buildId) out.push(`Build ID: ${main.buildId}`);
  for (const c of profile.comments) if (!c.startsWith('#')) out.push(c);
  out.push(`Type: ${sampleType}`);
  if (profile.timeNanos !== 0) out.push(`Time: ${formatTime(profile.timeNanos)}`);
  if (profile.durationNanos !== 0) {
    const duration = formatValue(profile.durationNanos, 'nanoseconds');
    const inNanos = scaleValue(total, unit, 'nanoseconds');
    const ratio = inNanos.unit === 'ns' && inNanos.value !== 0 ? `(${formatPercent(Math.trunc(inNanos.value), profile.durationNanos)})` : '';
    out.push(`Duration: ${duration}, Total samples = ${formatValue(total, unit, outputUnit)} ${ratio}`);
  }
  return out;
}

/** pprof's "Active filters:" legend for the filter options in use, in pprof's order. */
export function activeFilters(options: ReportOptions): string[] {
  const filters: [string, string | undefined][] = [
    ['focus', options.focus],
    ['ignore', options.ignore],
    ['hide', options.hide],
    ['show', options.show],
    ['show_from', options.showFrom],
    ['tagfocus', options.tagFocus],
    ['tagignore', options.tagIgnore],
  ];
  const active = filters.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}=${v}`);
  if (active.length === 0) return [];
  return ['Active filters:', ...active.map((f) => `   ${f.length > 80 ? f.slice(0, 80) + '…' : f}`)];
}

function formatTime(nanos: number): string {
  const iso = new Date(Math.floor(nanos / 1e6)).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** Default node fraction of pprof's text reports: nodes whose |cum| is under 0.5% are dropped. */
export const TEXT_NODE_FRACTION = 0.005;

/**
 * `go tool pprof -top`: header, column headings and one row per node, with pprof's trimming:
 * nodes whose |cum| is below 0.5% of the shown flat total are dropped, then at most nodeCount.
 */
export function formatTopText(profile: Profile, table: TopTable, nodeCount: number | undefined, options: ReportOptions = {}): string {
  const unit = table.sampleType.unit;
  let flatTotal = 0;
  for (const r of table.rows) flatTotal += r.flat;
  const cutoff = Math.abs(Math.trunc(flatTotal * TEXT_NODE_FRACTION));
  const kept = table.rows.filter((r) => Math.abs(r.cum) >= cutoff);
  const dropped = table.rows.length - kept.length;
  const rows = nodeCount !== undefined && nodeCount > 0 ? kept.slice(0, nodeCount) : kept;
  const outputUnit = chooseOutputUnit(rows, table.total, unit);
  const value = (v: number): string => formatValue(v, unit, outputUnit);
  let shown = 0;
  for (const r of rows) shown += r.flat;
  const out = [...profileLabels(profile, table.sampleType.type, table.total, unit, outputUnit), ...activeFilters(options)];
  out.push(`Showing nodes accounting for ${value(shown)}, ${formatPercent(shown, table.total).trim()} of ${value(table.total)} total`);
  if (table.total !== 0) {
    if (dropped > 0) {
      const label = value(Math.abs(Math.trunc(table.total * TEXT_NODE_FRACTION)));
      out.push(`Dropped ${dropped} node${dropped > 1 ? 's' : ''} (cum <= ${label})`);
    }
    if (rows.length > 0 && rows.length < kept.length) out.push(`Showing top ${rows.length} nodes out of ${kept.length}`);
  }
  out.push(`${pad('flat', 10)} ${pad('flat', 5)}% ${pad('sum', 5)}% ${pad('cum', 10)} ${pad('cum', 5)}%`);
  let flatSum = 0;
  for (const r of rows) {
    flatSum += r.flat;
    const inline = r.inlineLabel ? ` ${r.inlineLabel}` : '';
    out.push(
      `${pad(value(r.flat), 10)} ${formatPercent(r.flat, table.total)} ${formatPercent(flatSum, table.total)} ` +
        `${pad(value(r.cum), 10)} ${formatPercent(r.cum, table.total)}  ${r.name}${inline}`,
    );
  }
  return out.join('\n') + '\n';
}

function pad(s: string, width: number): string {
  return s.length >= width ? s : ' '.repeat(width - s.length) + s;
}
