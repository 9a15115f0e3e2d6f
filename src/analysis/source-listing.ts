/**
 * pprof's `list` report (report/source.go printSource): for every function whose name matches,
 * per source file, the listed line range with flat/cum per line. Pure: the source text comes in
 * through `SourceLines`, so the same listing can feed the CLI and a view.
 */
import type { Profile } from '../pprof/profile';
import type { ListingRange } from '../shared/source-view';
import { formatPercent, formatValue } from '../shared/units';
import { printable, type Controls } from './printable';
import type { ReportOptions } from './options';
import { buildStacks } from './stacks';
import { baseName } from './clean-path';
import { compareBytes, frameTotals } from './top';

/** One ROUTINE block: a function's lines in one file (the file as pprof names it, after its path trimming, see trimSourcePath). */
export interface ListingRoutine extends ListingRange {
  /** Costed lines: line number -> flat/cum summed over the function's nodes on that line. */
  readonly lines: ReadonlyMap<number, { readonly flat: number; readonly cum: number }>;
}

/** A function with samples but no file: pprof prints "No source information for NAME". */
export interface ListingFunction {
  readonly name: string;
  readonly routines: readonly ListingRoutine[];
}

export interface SourceListing {
  readonly unit: string;
  readonly total: number;
  /** Matching functions by name (byte order), as pprof prints them. */
  readonly functions: readonly ListingFunction[];
}

/** Lines before the first / after the last costed line when the function's start is unknown. */
const MARGIN = 5;

interface Node {
  readonly line: number;
  readonly startLine: number;
  readonly flat: number;
  readonly cum: number;
}

/**
 * The listing of the functions matching `pattern` at lines granularity with `options`' filters.
 * Empty `functions` means nothing matched (pprof: "no matches found").
 */
export function sourceListing(profile: Profile, options: ReportOptions, pattern: RegExp): SourceListing {
  const stacks = buildStacks(profile, { ...options, granularity: 'lines' });
  const { flat, cum } = frameTotals(stacks);
  const byName = new Map<string, Map<string, Node[]>>();
  stacks.frames.forEach((frame, f) => {
    const fFlat = flat[f]!;
    const fCum = cum[f]!;
    if ((fFlat === 0 && fCum === 0) || !pattern.test(frame.functionName)) return;
    let files = byName.get(frame.functionName);
    if (!files) byName.set(frame.functionName, (files = new Map()));
    if (frame.file === '') return;
    // Without -source_path pprof trims names of "/proc/self/cwd/" only; reading trims more.
    const file = trimSourcePath(frame.file, '');
    let nodes = files.get(file);
    if (!nodes) files.set(file, (nodes = []));
    nodes.push({ line: frame.line, startLine: frame.startLine, flat: fFlat, cum: fCum });
  });
  const functions = [...byName]
    .sort((a, b) => compareBytes(a[0], b[0]))
    .map(([name, files]) => ({
      name,
      routines: [...files].sort((a, b) => compareBytes(a[0], b[0])).map(([file, nodes]) => routine(name, file, nodes)),
    }));
  return { unit: stacks.sampleType.unit, total: stacks.total, functions };
}

/** pprof's getSourceFromFile line range, and the costs per line. */
function routine(name: string, file: string, nodes: Node[]): ListingRoutine {
  // pprof takes the first node in its graph order; lines ascending is one such order.
  nodes.sort((a, b) => a.line - b.line);
  const first = nodes[0]!;
  let start = first.startLine !== 0 ? first.startLine : first.line - MARGIN;
  let end = first.line + MARGIN;
  const lines = new Map<number, { flat: number; cum: number }>();
  let flatSum = 0;
  let cumSum = 0;
  for (const n of nodes) {
    const nodeStart = n.startLine !== 0 ? n.startLine : n.line - MARGIN;
    // As pprof: a node that moves the start does not also move the end.
    if (nodeStart < start) start = nodeStart;
    else if (n.line + MARGIN > end) end = n.line + MARGIN;
    const c = lines.get(n.line) ?? { flat: 0, cum: 0 };
    c.flat += n.flat;
    c.cum += n.cum;
    lines.set(n.line, c);
    flatSum += n.flat;
    cumSum += n.cum;
  }
  return { name, file, flat: flatSum, cum: cumSum, start: Math.max(start, 1), end, lines };
}

/**
 * pprof's trimPath without -trim_path: a path containing "/BASE/", BASE the last element of the
 * search path (none when ""), becomes the rest after it; else "/proc/self/cwd/" prefixes go.
 */
export function trimSourcePath(path: string, searchPath: string): string {
  if (searchPath !== '') {
    const want = `/${baseName(searchPath)}/`;
    const found = path.indexOf(want);
    if (found !== -1) return path.slice(found + want.length);
  }
  for (const prefix of ['/proc/self/cwd/./', '/proc/self/cwd/']) {
    if (path.startsWith(prefix)) return path.slice(prefix.length);
  }
  return path;
}

/** A file's text split as Go's bufio.ScanLines does: at "\n", a "\r" before it dropped, no empty last line. */
export function sourceTextLines(data: string): string[] {
  const lines = data.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** A file's lines (without their newlines), or the one-line reason it could not be read. */
export type SourceText = { readonly lines: readonly string[] } | { readonly error: string };

/**
 * `go tool pprof -list` text of a listing; `source(file)` gives each routine's file text. The
 * profile's names and files go through printable(); the source text is the file's own.
 */
export function formatSourceListing(listing: SourceListing, source: (file: string) => SourceText, controls: Controls = 'escape'): string {
  const value = (v: number): string => formatValue(v, listing.unit, 'minimum');
  const out: string[] = [`Total: ${value(listing.total)}`];
  for (const fn of listing.functions) {
    if (fn.routines.length === 0) {
      out.push(`No source information for ${printable(fn.name, controls)}`);
      continue;
    }
    for (const r of fn.routines) {
      out.push(`ROUTINE ======================== ${printable(r.name, controls)} in ${printable(r.file, controls)}`);
      out.push(routineTotalsLine(r, listing.total, value));
      const text = source(r.file);
      if ('error' in text) {
        out.push(` Error: ${text.error}`);
        continue;
      }
      for (let line = r.start; line <= r.end && line <= text.lines.length; line++) {
        const c = r.lines.get(line);
        const dot = (v: number | undefined): string => (v === undefined || v === 0 ? '.' : value(v));
        out.push(`${pad(dot(c?.flat))} ${pad(dot(c?.cum))} ${String(line).padStart(6)}:${text.lines[line - 1]!}`);
      }
    }
  }
  return out.join('\n') + '\n';
}

/** The line under a ROUTINE header, shared by list and disasm: "  flat  cum (flat, cum) pct of Total". */
export function routineTotalsLine(r: { readonly flat: number; readonly cum: number }, total: number, value: (v: number) => string): string {
  return `${pad(value(r.flat))} ${pad(value(r.cum))} (flat, cum) ${formatPercent(r.cum, total)} of Total`;
}

function pad(text: string): string {
  return text.padStart(10);
}
