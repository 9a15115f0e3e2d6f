import type { ProfileMetadata } from '../pprof/profile';
import { baseName } from './clean-path';
import { padStart } from '../shared/go-format';
import type { ReportOptions } from './options';
import { printable, type Controls } from './printable';
import { TOP_EDGE_FRACTION, TOP_NODE_FRACTION, topInlineLabels, type TopRow, type TopTable } from './top';
import { chooseOutputUnit, formatPercent, formatValue, scaleValue } from '../shared/units';
import { formatExactValue } from './exact-values';

/** What the report header says about the profile (pprof's ProfileLabels). */
export interface ProfileHeader {
  readonly mappingFile: string;
  readonly buildId: string;
  readonly comments: readonly string[];
  readonly timeNanos: number;
  readonly durationNanos: number;
}

export function profileHeader(profile: ProfileMetadata): ProfileHeader {
  const m = profile.mappings[0];
  return {
    mappingFile: m?.filename ?? '',
    buildId: m?.buildId ?? '',
    comments: profile.comments,
    timeNanos: profile.timeNanos,
    durationNanos: profile.durationNanos,
  };
}

export interface TopTextOptions {
  readonly header?: ProfileHeader;
  /** The options the table was built with, listed as "Active filters". */
  readonly filters?: ReportOptions;
  /** pprof -nodefraction: rows with |cum| under this share of the shown flat sum are dropped. Default 0.005, as pprof -top. */
  readonly nodeFraction?: number;
  /** pprof -edgefraction: calls under this share of the flat sum do not count for the inline markers. Default 0.001, as pprof. */
  readonly edgeFraction?: number;
  /** pprof -nodecount: at most this many rows; 0 = all (the default for -top). */
  readonly nodeCount?: number;
  /** pprof -unit; default "minimum" (one unit chosen for the whole report). */
  readonly unit?: string;
  /** Control characters in the profile's strings: escaped (the default, a terminal) or as they are (printable.ts). */
  readonly controls?: Controls;
}

/** The text `go tool pprof -top` prints for this table (time shown in UTC). */
export function formatTopText(table: TopTable, options: TopTextOptions = {}): string {
  const { total, sampleType } = table;
  const nodeFraction = options.nodeFraction ?? TOP_NODE_FRACTION;
  let flatSum = 0;
  for (const r of table.rows) flatSum += r.flat;
  const nodeCutoff = Math.abs(Math.trunc(flatSum * nodeFraction));
  let rows: TopRow[] = table.rows;
  let dropped = 0;
  if (nodeCutoff > 0) {
    rows = rows.filter((r) => Math.abs(r.cum) >= nodeCutoff);
    dropped = table.rows.length - rows.length;
  }
  const origCount = rows.length;
  const nodeCount = options.nodeCount ?? 0;
  if (nodeCount > 0 && rows.length > nodeCount) rows = rows.slice(0, nodeCount);
  const source = table.inlineSource;
  const edgeFraction = options.edgeFraction ?? TOP_EDGE_FRACTION;
  if (source && (nodeFraction !== 0 || edgeFraction !== 0 || rows.length < origCount)) {
    // The table's markers are for all its rows and calls; pprof decides them on what it keeps.
    const labels = topInlineLabels(source, source.mayBeInline.length, rows.map((r) => r.frame), flatSum, edgeFraction);
    rows = rows.map((r) => ({ ...r, inlineLabel: labels[r.frame]! }));
  }

  let outputUnit = options.unit ?? 'minimum';
  // Profile strings are printed through printable(): no control character reaches a terminal.
  const controls = options.controls ?? 'escape';
  const unit = printable(sampleType.unit, controls);
  if (outputUnit === 'minimum' && rows.length > 0) outputUnit = chooseOutputUnit(rows, total, unit);
  // Exact integers where the table has them (past 2^53) and the value prints unscaled.
  const fmt = (v: number, exact?: bigint): string => formatExactValue(v, exact, unit, outputUnit);
  const { exactTotal } = table;

  const lines: string[] = [];
  if (options.header) lines.push(...headerLines(options.header, sampleType.type, unit, total, (v) => fmt(v, v === total ? exactTotal : undefined), controls));
  else lines.push(`Type: ${printable(sampleType.type, controls)}`);
  lines.push(...activeFilterLines(options.filters, controls));
  let shown = 0;
  let exactShown = 0n;
  for (const r of rows) {
    shown += r.flat;
    exactShown += r.exactFlat ?? 0n;
  }
  const exactly = (exact: bigint): bigint | undefined => (exactTotal === undefined ? undefined : exact);
  lines.push(`Showing nodes accounting for ${fmt(shown, exactly(exactShown))}, ${formatPercent(shown, total).trim()} of ${fmt(total, exactTotal)} total`);
  if (total !== 0) {
    if (dropped > 0) {
      const noun = dropped > 1 ? 'nodes' : 'node';
      lines.push(`Dropped ${dropped} ${noun} (cum <= ${fmt(Math.abs(Math.trunc(total * nodeFraction)))})`);
    }
    if (nodeCount > 0 && nodeCount < origCount) lines.push(`Showing top ${nodeCount} nodes out of ${origCount}`);
  }
  lines.push(`${padStart('flat', 10)} ${padStart('flat', 5)}% ${padStart('sum', 5)}% ${padStart('cum', 10)} ${padStart('cum', 5)}%`);
  let running = 0;
  for (const r of rows) {
    running += r.flat;
    const inl = r.inlineLabel ? ` ${r.inlineLabel}` : '';
    lines.push(
      `${padStart(fmt(r.flat, r.exactFlat), 10)} ${formatPercent(r.flat, total)} ${formatPercent(running, total)} ` +
        `${padStart(fmt(r.cum, r.exactCum), 10)} ${formatPercent(r.cum, total)}  ${printable(r.name, controls)}${inl}`,
    );
  }
  return lines.join('\n') + '\n';
}

/** pprof's profile labels (File, Build ID, comments, Type, Time, Duration), printable; shared by the text reports. */
export function headerLines(
  h: ProfileHeader,
  type: string,
  unit: string,
  total: number,
  fmt: (v: number) => string,
  controls: Controls = 'escape',
): string[] {
  const out: string[] = [];
  if (h.mappingFile !== '') out.push(`File: ${printable(baseName(h.mappingFile), controls)}`);
  if (h.buildId !== '') out.push(`Build ID: ${printable(h.buildId, controls)}`);
  for (const c of h.comments) if (!c.startsWith('#')) out.push(printable(c, controls));
  // pprof leaves the line out for a sample type without a name.
  if (type !== '') out.push(`Type: ${printable(type, controls)}`);
  if (h.timeNanos !== 0) out.push(`Time: ${formatUtc(h.timeNanos)}`);
  if (h.durationNanos !== 0) {
    const asNanos = scaleValue(total, unit, 'nanoseconds');
    const ratio = asNanos.unit === 'ns' && asNanos.value !== 0 ? `(${formatPercent(Math.trunc(asNanos.value), h.durationNanos)})` : '';
    out.push(`Duration: ${formatValue(h.durationNanos, 'nanoseconds')}, Total samples = ${fmt(total)} ${ratio}`);
  }
  return out;
}

/** pprof's "Active filters:" block, in its flag order, each value cut at 80 characters. */
export function activeFilterLines(o: ReportOptions | undefined, controls: Controls = 'escape'): string[] {
  if (!o) return [];
  const pairs: [string, string | undefined][] = [
    ['focus', o.focus],
    ['ignore', o.ignore],
    ['hide', o.hide],
    ['show', o.show],
    ['show_from', o.showFrom],
    ['tagfocus', o.tagFocus],
    ['tagignore', o.tagIgnore],
  ];
  const active = pairs.filter(([, v]) => v).map(([k, v]) => `${k}=${v}`);
  if (active.length === 0) return [];
  return ['Active filters:', ...active.map((s) => '   ' + printable(s.length > 80 ? s.slice(0, 80) + '…' : s, controls))];
}

function formatUtc(nanos: number): string {
  const d = new Date(Math.floor(nanos / 1e6));
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC`;
}
