/**
 * What the editor shows for a profile's lines, as pure rules: which lines are notable or hot,
 * the hint text, the order of hotspots across files, and whether the source looks stale.
 *
 * A line's cost is its cum (pprof -list's second column: the line and the calls it makes);
 * thresholds are percentages of the profile's total. In a comparison, the change counts.
 */
import { formatPercent, formatValue } from '../shared/units';

export interface HintThresholds {
  /** % of total from which a line gets a grey hint. */
  readonly notablePercent: number;
  /** % of total from which a line is red with a fire icon. */
  readonly hotPercent: number;
}

export const DEFAULT_THRESHOLDS: HintThresholds = { notablePercent: 1, hotPercent: 10 };

export type HintLevel = 'hot' | 'notable';

export interface LineValues {
  readonly line: number;
  readonly flat: number;
  readonly cum: number;
}

export function hintLevel(cum: number, total: number, t: HintThresholds): HintLevel | undefined {
  if (total === 0 || cum === 0) return undefined;
  const percent = (Math.abs(cum) / Math.abs(total)) * 100;
  if (percent >= t.hotPercent) return 'hot';
  return percent >= t.notablePercent ? 'notable' : undefined;
}

function signed(text: string, value: number): string {
  return value > 0 ? `+${text}` : text;
}

/** "  1.20s · 42.55%" (a comparison: "  +120ms · +4.26%"), in the profile's unit, pprof's formatting. */
export function hintText(cum: number, total: number, unit: string, diff = false): string {
  const value = formatValue(cum, unit);
  const percent = formatPercent(cum, total).trim();
  if (!diff) return `  ${value} · ${percent}`;
  return `  ${signed(value, cum)} · ${cum < 0 ? '-' : cum > 0 ? '+' : ''}${percent}`;
}

export interface HoverNumbers {
  readonly flat: string;
  readonly flatPercent: string;
  readonly cum: string;
  readonly cumPercent: string;
}

export function hoverNumbers(line: LineValues, total: number, unit: string): HoverNumbers {
  return {
    flat: formatValue(line.flat, unit),
    flatPercent: formatPercent(line.flat, total).trim(),
    cum: formatValue(line.cum, unit),
    cumPercent: formatPercent(line.cum, total).trim(),
  };
}

export interface Hotspot {
  /** Local file path. */
  readonly path: string;
  readonly line: number;
  readonly flat: number;
  readonly cum: number;
}

/** Where the time is spent first: flat, then cum, descending; then path and line. */
export function orderHotspots(spots: readonly Hotspot[]): Hotspot[] {
  return [...spots].sort(
    (a, b) =>
      Math.abs(b.flat) - Math.abs(a.flat) ||
      Math.abs(b.cum) - Math.abs(a.cum) ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
      a.line - b.line,
  );
}

/**
 * The next (step 1) or previous (step -1) hotspot from where the cursor is: from a hotspot,
 * its neighbour in cost order (wrapping); from anywhere else, the first (or last).
 */
export function stepHotspot(ordered: readonly Hotspot[], at: { path: string; line: number } | undefined, step: 1 | -1): Hotspot | undefined {
  if (ordered.length === 0) return undefined;
  const i = at ? ordered.findIndex((h) => h.path === at.path && h.line === at.line) : -1;
  if (i < 0) return step === 1 ? ordered[0] : ordered[ordered.length - 1];
  return ordered[(i + step + ordered.length) % ordered.length];
}

/** "example.com/a.(*T).Add" -> "Add"; undefined for closures and other generated names. */
export function declaredName(functionName: string): string | undefined {
  const bracket = functionName.indexOf('[');
  const plain = bracket < 0 ? functionName : functionName.slice(0, bracket);
  const afterPkg = plain.slice(plain.lastIndexOf('/') + 1);
  const parts = afterPkg.split('.').slice(1);
  const last = parts[parts.length - 1];
  if (last === undefined || /^func\d+$/.test(last) || /^\d+$/.test(last) || parts.some((p) => /^func\d+$/.test(p))) return undefined;
  return /^[\p{L}_][\p{L}\p{N}_]*$/u.test(last) ? last : undefined;
}

/** How far from the recorded start line a function's declaration may have moved. */
const DECLARATION_SLACK = 3;

export interface SourceShape {
  readonly lineCount: number;
  /** 1-based; "" past the end. */
  lineText(line: number): string;
}

/**
 * Why the profile's lines may not match this file (imports): a line past the end, or a
 * function whose declaration is not at its recorded start line. undefined when it fits.
 */
export function staleSourceReason(
  source: SourceShape,
  lines: readonly { readonly line: number }[],
  functions: readonly { readonly name: string; readonly startLine: number }[],
): string | undefined {
  const last = lines.reduce((m, l) => Math.max(m, l.line), 0);
  if (last > source.lineCount) return `the profile has costs on line ${last}, past the end of this file (${source.lineCount} lines)`;
  for (const fn of functions) {
    const name = declaredName(fn.name);
    if (name === undefined || fn.startLine <= 0) continue;
    const decl = new RegExp(`\\bfunc\\b.*\\b${name}\\b`);
    let found = false;
    for (let l = Math.max(1, fn.startLine - DECLARATION_SLACK); l <= fn.startLine + DECLARATION_SLACK && !found; l++) {
      found = decl.test(source.lineText(l));
    }
    if (!found) return `func ${name} is no longer at line ${fn.startLine}, where the profile saw it`;
  }
  return undefined;
}

/** For captures: the file was saved after the program started, so it may differ from what ran. */
export function changedSinceCapture(fileMtimeMs: number, capturedAtIso: string): string | undefined {
  const started = Date.parse(capturedAtIso);
  if (!Number.isFinite(started) || fileMtimeMs <= started) return undefined;
  return `this file changed after the capture started (${capturedAtIso})`;
}
