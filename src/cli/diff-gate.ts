/**
 * `go-profiler diff NEW --base OLD --fail-above PCT`: a CI gate. Every function whose flat
 * value grew by more than PCT % of the base profile's total is an offender (name, base,
 * new, delta); exit 1 when there is one, 0 otherwise. The other diff flags (--sample-index,
 * --focus, ...) apply to both profiles.
 */
import { topTable } from '../analysis/top';
import { printable, type Controls } from '../analysis/printable';
import { readProfileFile } from '../pprof/read-file-node';
import { formatValue } from '../shared/units';
import { parseArgs, UsageError } from './args';
import { withViewOptions } from './view-option';
import { jsonText } from './json-text';

export interface GateOffender {
  readonly name: string;
  readonly base: number;
  readonly new: number;
  readonly delta: number;
}

/** Takes `--fail-above PCT` (or `=PCT`) out of argv: [percent or undefined, the rest]. */
export function takeFailAbove(argv: readonly string[]): [number | undefined, string[]] {
  const rest: string[] = [];
  let text: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const m = /^--?fail[-_]above(?:=(.*))?$/.exec(argv[i]!);
    if (!m) {
      rest.push(argv[i]!);
      continue;
    }
    text = m[1] ?? argv[++i];
    if (text === undefined) throw new UsageError('flag --fail-above needs a value');
  }
  if (text === undefined) return [undefined, rest];
  const pct = Number(text);
  if (text.trim() === '' || !Number.isFinite(pct) || pct < 0) throw new UsageError(`--fail-above must be a percentage >= 0, not "${text}"`);
  return [pct, rest];
}

/** Runs the gate; returns [exit code, text to print] (`controls`: how names write control characters, analysis/printable.ts). */
export async function runDiffGate(percent: number, argv: readonly string[], controls: Controls = 'escape'): Promise<[number, string]> {
  const args = await withViewOptions(parseArgs('diff', argv), process.cwd());
  const baseFile = args.base ?? args.diffBase;
  if (baseFile === undefined) throw new UsageError('diff: give the base profile with --base FILE');
  const [current, base] = await Promise.all([readProfileFile(args.file), readProfileFile(baseFile)]);
  const now = topTable(current, args.report);
  const before = topTable(base, args.report);
  const limit = (percent / 100) * before.total;
  const flat = new Map<string, { base: number; new: number }>();
  for (const r of before.rows) flat.set(r.name, { base: r.flat, new: 0 });
  for (const r of now.rows) flat.set(r.name, { base: flat.get(r.name)?.base ?? 0, new: r.flat });
  const offenders: GateOffender[] = [...flat]
    .map(([name, v]) => ({ name, base: v.base, new: v.new, delta: v.new - v.base }))
    .filter((o) => o.delta > limit)
    .sort((a, b) => b.delta - a.delta || (a.name < b.name ? -1 : 1));
  const { type, unit } = before.sampleType;
  const code = offenders.length > 0 ? 1 : 0;
  if (args.json) return [code, jsonText({ sampleType: type, unit, baseTotal: before.total, failAbovePct: percent, offenders }, false)];
  const head = `${type}: base total ${formatValue(before.total, unit)}; limit +${percent}% of it = ${formatValue(limit, unit)}`;
  if (offenders.length === 0) return [0, `${head}\nno function grew by more than the limit\n`];
  const rows = offenders.map((o) => [printable(o.name, controls), formatValue(o.base, unit), formatValue(o.new, unit), `+${formatValue(o.delta, unit)}`]);
  const table = [['function', 'base', 'new', 'delta'], ...rows];
  const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  const lines = table.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd());
  return [1, `${head}\n${offenders.length} function(s) grew by more than the limit:\n${lines.join('\n')}\n`];
}
