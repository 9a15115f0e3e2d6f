/**
 * The comparison as text, laid out like benchstat's table: per unit, each benchmark's base
 * and head median ± spread, the delta (or "~") and "(p=… n=…)", then the geomean row;
 * warnings as numbered footnotes. Values are scaled per row to SI prefixes (binary for
 * bytes). Pure.
 */
import { shortBenchName } from './bench-output';
import { deltaText, pText, type UnitTable } from './compare';
import { rangeText } from './median-ci';

const DECIMAL: readonly [number, string][] = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
  [1, ''],
  [1e-3, 'm'],
  [1e-6, 'µ'],
  [1e-9, 'n'],
  [1e-12, 'p'],
];
const BINARY: readonly [number, string][] = [
  [2 ** 40, 'Ti'],
  [2 ** 30, 'Gi'],
  [2 ** 20, 'Mi'],
  [2 ** 10, 'Ki'],
  [1, ''],
];

/** The scale for a row: the prefix that fits the smallest value of the row. */
function scaleFor(values: readonly number[], unit: string): [number, string] {
  const table = unit.startsWith('B/') ? BINARY : DECIMAL;
  const positive = values.filter((v) => v > 0);
  if (positive.length === 0) return [1, ''];
  const min = Math.min(...positive);
  return table.find(([factor]) => min >= factor) ?? table[table.length - 1]!;
}

function scaled(value: number, [factor, prefix]: [number, string]): string {
  const v = value / factor;
  const digits = v >= 100 ? 1 : v >= 10 ? 2 : 3;
  return `${v.toFixed(Number.isInteger(v) && v >= 100 ? 0 : digits)}${prefix}`;
}

export function formatTables(tables: readonly UnitTable[], labels: { base: string; head: string }): string {
  const footnotes: string[] = [];
  const note = (warnings: readonly string[]): string =>
    warnings
      .map((w) => {
        let i = footnotes.indexOf(w);
        if (i < 0) i = footnotes.push(w) - 1;
        return superscript(i + 1);
      })
      .join(' ');
  const blocks = tables.map((t) => {
    const lines: string[][] = [['', labels.base, '', labels.head, '', '', ''], ['', t.unit, '', t.unit, 'vs base', '', '']];
    for (const r of t.rows) {
      const scale = scaleFor([r.base?.center ?? 0, r.head?.center ?? 0], t.unit);
      lines.push([
        shortBenchName(r.name),
        r.base ? `${scaled(r.base.center, scale)} ± ${rangeText(r.base)}` : '',
        '',
        r.head ? `${scaled(r.head.center, scale)} ± ${rangeText(r.head)}` : '',
        deltaText(r),
        pText(r) ? `(${pText(r)})` : '',
        note(r.warnings),
      ]);
    }
    if (t.rows.length > 1) {
      const scale = scaleFor([t.geomean.base ?? 0, t.geomean.head ?? 0], t.unit);
      const ratio = t.geomean.ratio === undefined ? '?' : `${t.geomean.ratio >= 1 ? '+' : ''}${((t.geomean.ratio - 1) * 100).toFixed(2)}%`;
      lines.push([
        'geomean',
        t.geomean.base === undefined ? '' : scaled(t.geomean.base, scale),
        '',
        t.geomean.head === undefined ? '' : scaled(t.geomean.head, scale),
        ratio,
        '',
        '',
      ]);
    }
    return layout(lines);
  });
  const notes = footnotes.map((w, i) => `${superscript(i + 1)} ${w}`);
  return [...blocks, ...(notes.length ? [notes.join('\n')] : [])].join('\n\n') + '\n';
}

/** Columns: name left-aligned, the rest right-aligned except the p note and footnotes. */
function layout(lines: readonly string[][]): string {
  const widths = lines[0]!.map((_, c) => Math.max(...lines.map((l) => [...l[c]!].length)));
  return lines
    .map((l) =>
      l
        .map((cell, c) => {
          const pad = widths[c]! - [...cell].length;
          return c === 0 || c >= 5 ? cell + ' '.repeat(pad) : ' '.repeat(pad) + cell;
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function superscript(n: number): string {
  const digits = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  return [...String(n)].map((d) => digits[Number(d)]).join('');
}
