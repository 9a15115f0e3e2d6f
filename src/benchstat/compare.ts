/**
 * Base vs head for every benchmark and unit, the way benchstat compares two files: each
 * side's median and interval, the U test's p, the delta of the medians when p < alpha
 * ("~" otherwise), and per unit a geomean row (the geomean of each side's medians, and the
 * geomean of the head/base ratios). Pure.
 */
import type { BenchResult } from './bench-output';
import { summarize, type Summary } from './median-ci';
import { mannWhitneyU } from './utest';

export const DEFAULT_ALPHA = 0.05;
export const DEFAULT_CONFIDENCE = 0.95;

export interface BenchRow {
  /** Full name, e.g. BenchmarkParse. */
  readonly name: string;
  readonly base?: Summary & { readonly n: number };
  readonly head?: Summary & { readonly n: number };
  /** U-test p value (1 when it could not run); undefined without both sides. */
  readonly p?: number;
  readonly significant: boolean;
  /** (head/base - 1) * 100 of the medians, whether significant or not. */
  readonly deltaPct?: number;
  readonly warnings: readonly string[];
}

export interface UnitTable {
  /** sec/op, B/op, allocs/op, or any other unit the benchmarks report. */
  readonly unit: string;
  readonly rows: readonly BenchRow[];
  /** Geomean of base medians, of head medians, and of the ratios (undefined when not > 0). */
  readonly geomean: { readonly base?: number; readonly head?: number; readonly ratio?: number };
}

/** Units in benchstat's order for a `go test -benchmem` run; any others follow alphabetically. */
const UNIT_ORDER = ['sec/op', 'B/op', 'allocs/op'];

export function compareBenchmarks(base: readonly BenchResult[], head: readonly BenchResult[], alpha = DEFAULT_ALPHA, confidence = DEFAULT_CONFIDENCE): UnitTable[] {
  const baseValues = collect(base);
  const headValues = collect(head);
  const units = [...new Set([...baseValues.keys(), ...headValues.keys()])].sort(
    (a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
  return units.map((unit) => {
    const b = baseValues.get(unit) ?? new Map<string, number[]>();
    const h = headValues.get(unit) ?? new Map<string, number[]>();
    const names = [...new Set([...b.keys(), ...h.keys()])];
    const rows = names.map((name) => compareOne(name, b.get(name), h.get(name), alpha, confidence));
    return { unit, rows, geomean: geomeans(rows) };
  });
}

function rank(unit: string): number {
  const i = UNIT_ORDER.indexOf(unit);
  return i < 0 ? UNIT_ORDER.length : i;
}

/** unit -> benchmark name -> values, names in first-seen order. */
function collect(results: readonly BenchResult[]): Map<string, Map<string, number[]>> {
  const byUnit = new Map<string, Map<string, number[]>>();
  for (const r of results) {
    for (const [unit, value] of r.values) {
      let byName = byUnit.get(unit);
      if (!byName) byUnit.set(unit, (byName = new Map()));
      let values = byName.get(r.name);
      if (!values) byName.set(r.name, (values = []));
      values.push(value);
    }
  }
  return byUnit;
}

function compareOne(name: string, base: number[] | undefined, head: number[] | undefined, alpha: number, confidence: number): BenchRow {
  const warnings: string[] = [];
  const side = (values: number[] | undefined): (Summary & { n: number }) | undefined => {
    if (!values) return undefined;
    const s = summarize(values, confidence);
    if (s.warning) warnings.push(s.warning);
    return { ...s, n: values.length };
  };
  const b = side(base);
  const h = side(head);
  if (!base || !head || !b || !h) return { name, ...(b ? { base: b } : {}), ...(h ? { head: h } : {}), significant: false, warnings };
  const u = mannWhitneyU(base, head);
  if (u.warning) warnings.push(u.warning);
  const deltaPct = b.center === h.center ? 0 : b.center === 0 ? undefined : (h.center / b.center - 1) * 100;
  return { name, base: b, head: h, p: u.p, significant: !(u.p > alpha), ...(deltaPct === undefined ? {} : { deltaPct }), warnings };
}

/** Geomean as go-moremath computes it (a running mean of logs); undefined unless all > 0. */
export function geomean(xs: readonly number[]): number | undefined {
  if (xs.length === 0) return undefined;
  let m = 0;
  for (let i = 0; i < xs.length; i++) {
    if (!(xs[i]! > 0)) return undefined;
    m += (Math.log(xs[i]!) - m) / (i + 1);
  }
  return Math.exp(m);
}

function geomeans(rows: readonly BenchRow[]): UnitTable['geomean'] {
  const base = geomean(rows.flatMap((r) => (r.base ? [r.base.center] : [])));
  const head = geomean(rows.flatMap((r) => (r.head ? [r.head.center] : [])));
  let badRatio = false;
  const ratios: number[] = [];
  for (const r of rows) {
    if (!r.base || !r.head) continue;
    if (r.head.center === r.base.center) ratios.push(1);
    else if (r.base.center === 0) badRatio = true;
    else ratios.push(r.head.center / r.base.center);
  }
  const ratio = badRatio ? undefined : geomean(ratios);
  return { ...(base === undefined ? {} : { base }), ...(head === undefined ? {} : { head }), ...(ratio === undefined ? {} : { ratio }) };
}

/** benchstat's delta column: "~" when not significant, else the signed percent. */
export function deltaText(row: BenchRow): string {
  if (row.p === undefined) return '';
  if (!row.significant) return '~';
  if (row.deltaPct === undefined) return '?';
  if (row.deltaPct === 0) return '0.00%';
  return `${row.deltaPct >= 0 ? '+' : ''}${row.deltaPct.toFixed(2)}%`;
}

/** benchstat's "(p=0.002 n=6)" note. */
export function pText(row: BenchRow): string {
  if (row.p === undefined || !row.base || !row.head) return '';
  const p = row.p !== 0 ? `p=${row.p.toFixed(3)} ` : '';
  return row.base.n === row.head.n ? `${p}n=${row.base.n}` : `${p}n=${row.base.n}+${row.head.n}`;
}
