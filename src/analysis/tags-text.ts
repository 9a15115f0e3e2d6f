/** `go tool pprof -tags` as text: each key's total and its values, aligned as pprof's tabwriter does. */
import { formatPercent, formatValue } from '../shared/units';
import type { LabelsReport } from './labels';
import { printable, type Controls } from './printable';

/** `controls`: how the label keys and values write control characters (printable.ts). */
export function formatTagsText(report: LabelsReport, controls: Controls = 'escape'): string {
  const unit = report.sampleType.unit;
  const value = (v: number): string => formatValue(v, unit, report.outputUnit);
  const { total } = report;
  let out = '';
  for (const key of report.keys) {
    const of = `Total ${value(key.total)} of ${value(total)}`;
    const head = total > 0 ? `${of} (${formatPercent(key.total, total)})` : of;
    const cells = key.values.map((v) => (total > 0 ? `${value(v.total)} (${formatPercent(v.total, total)}):` : `${value(v.total)}:`));
    // tabwriter, right-aligned, padding 1: each column as wide as its widest cell plus one.
    const keyCell = `${printable(key.key, controls)}:`;
    const first = [...keyCell].length + 1;
    const second = Math.max(0, ...cells.map((c) => c.length)) + 1;
    out += `${' '.repeat(first - [...keyCell].length)}${keyCell} ${head}\n`;
    key.values.forEach((v, i) => {
      out += `${' '.padStart(first)}${cells[i]!.padStart(second)} ${printable(v.value, controls)}\n`;
    });
    out += '\n';
  }
  return out;
}
