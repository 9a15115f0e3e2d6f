import type { Profile, ValueType } from '../pprof/profile';
import type { ReportOptions } from './options';
import { buildFrameTotals, type FrameTotals } from './frame-totals';
import type { Frame } from './frames';
import { bigAbs, sumsAreExact } from './exact-values';
import { buildStacks, type Stacks } from './stacks';
import { inlineLabels, type InlineLabel, type LocationStacks } from './inline-labels';

export interface TopRow {
  /** pprof's printable name, as in the last column of `go tool pprof -top`. */
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly flat: number;
  readonly cum: number;
  /** Index into stacks.frames. */
  readonly frame: number;
  /** pprof's "(inline)" / "(partial-inline)" marker, or "". */
  readonly inlineLabel: '' | '(inline)' | '(partial-inline)';
  /** flat and cum exactly, when some sum could pass 2^53 (see exact-values.ts). */
  readonly exactFlat?: bigint;
  readonly exactCum?: bigint;
}

export interface TopTable {
  readonly sampleType: ValueType;
  readonly total: number;
  /** Every node with a non-zero flat or cum, in `go tool pprof -top` order. */
  readonly rows: TopRow[];
  /** The total exactly, when the rows have exact values. */
  readonly exactTotal?: bigint;
  /** What the inline markers are decided from, for a report that keeps other rows (topInlineLabels). */
  readonly inlineSource?: InlineSource;
}

/** The stacks a table was added up from and which of its frames were ever used inlined. */
export interface InlineSource {
  readonly stacks: LocationStacks;
  readonly mayBeInline: Uint8Array;
}

/** pprof -top's default -nodefraction and -edgefraction. */
export const TOP_NODE_FRACTION = 0.005;
export const TOP_EDGE_FRACTION = 0.001;

export function topTable(profile: Profile, options: ReportOptions): TopTable {
  const totals = buildFrameTotals(profile, options);
  // Past 2^53 (rare), the table is built from stacks, whose values are also added up exactly.
  if (!sumsAreExact(profile, totals.sampleTypeIndex)) return topTableFromStacks(buildStacks(profile, options));
  return topTableOfTotals(totals);
}

/** The top table of frame totals however they were computed (buildFrameTotals, FrameTotalsFromRuns). */
export function topTableOfTotals(totals: FrameTotals): TopTable {
  return topTableFromTotals(totals.frames, totals.flat, totals.cum, totals.sampleType, totals.total, undefined, totals.stacks);
}

/** Flat and cum of every frame: flat to the leaf, cum once per stack however often a frame recurs. */
export function frameTotals(stacks: Stacks): { flat: Float64Array; cum: Float64Array } {
  const n = stacks.frames.length;
  const flat = new Float64Array(n);
  const cum = new Float64Array(n);
  const seenIn = new Int32Array(n).fill(-1);
  const { stackStart, stackFrames, values } = stacks;
  for (let s = 0; s < stacks.count; s++) {
    const v = values[s]!;
    const lo = stackStart[s]!;
    const hi = stackStart[s + 1]!;
    if (lo === hi) continue;
    flat[stackFrames[lo]!]! += v;
    for (let i = lo; i < hi; i++) {
      const f = stackFrames[i]!;
      if (seenIn[f] !== s) {
        seenIn[f] = s;
        cum[f]! += v;
      }
    }
  }
  return { flat, cum };
}

export function topTableFromStacks(stacks: Stacks): TopTable {
  const { flat, cum } = frameTotals(stacks);
  const exact = stacks.exactValues && exactFrameTotals(stacks, stacks.exactValues);
  const table = topTableFromTotals(stacks.frames, flat, cum, stacks.sampleType, stacks.total, exact, asLocationStacks(stacks));
  return stacks.exactTotal === undefined ? table : { ...table, exactTotal: stacks.exactTotal };
}

/** frameTotals exactly, from each stack's exact value. */
function exactFrameTotals(stacks: Stacks, values: readonly bigint[]): ExactTotals {
  const n = stacks.frames.length;
  const flat = new Array<bigint>(n).fill(0n);
  const cum = new Array<bigint>(n).fill(0n);
  const seenIn = new Int32Array(n).fill(-1);
  const { stackStart, stackFrames } = stacks;
  for (let s = 0; s < stacks.count; s++) {
    const lo = stackStart[s]!;
    const hi = stackStart[s + 1]!;
    if (lo === hi) continue;
    flat[stackFrames[lo]!]! += values[s]!;
    for (let i = lo; i < hi; i++) {
      const f = stackFrames[i]!;
      if (seenIn[f] !== s) {
        seenIn[f] = s;
        cum[f]! += values[s]!;
      }
    }
  }
  return { flat, cum };
}

interface ExactTotals {
  readonly flat: readonly bigint[];
  readonly cum: readonly bigint[];
}

function topTableFromTotals(
  table: readonly Frame[],
  flat: Float64Array,
  cum: Float64Array,
  sampleType: ValueType,
  total: number,
  exact: ExactTotals | undefined,
  stacks: LocationStacks | undefined,
): TopTable {
  const frames: number[] = [];
  for (let f = 0; f < table.length; f++) if (flat[f] !== 0 || cum[f] !== 0) frames.push(f);
  frames.sort(flatOrder(table, flat, cum, exact));
  const mayBeInline = Uint8Array.from(table, (f) => (f.inlined || f.partialInline ? 1 : 0));
  const inlineSource = stacks && { stacks, mayBeInline };
  // The table has every row, as pprof -top -nodefraction=0 -edgefraction=0 (formatTopText trims).
  const labels = inlineSource && topInlineLabels(inlineSource, table.length, frames, 0, 0);
  const rows = frames.map((f): TopRow => {
    const frame = table[f]!;
    return {
      name: frame.name,
      file: frame.file,
      line: frame.line,
      flat: flat[f]!,
      cum: cum[f]!,
      frame: f,
      inlineLabel: labels ? labels[f]! : frame.inlined ? '(inline)' : frame.partialInline ? '(partial-inline)' : '',
      ...(exact ? { exactFlat: exact.flat[f]!, exactCum: exact.cum[f]! } : {}),
    };
  });
  return { sampleType, total, rows, ...(inlineSource ? { inlineSource } : {}) };
}

/**
 * pprof's inline marker of each frame when the report keeps the frames `kept` (as -top does
 * after -nodefraction and -nodecount) and drops edges under `edgeFraction` of `flatSum`, the
 * flat of every frame added up.
 */
export function topInlineLabels(source: InlineSource, frameCount: number, kept: readonly number[], flatSum: number, edgeFraction: number): InlineLabel[] {
  const keptSet = new Uint8Array(frameCount);
  for (const f of kept) keptSet[f] = 1;
  return inlineLabels(source.stacks, frameCount, keptSet, source.mayBeInline, Math.abs(Math.trunc(flatSum * edgeFraction)));
}

/** Frame-level stacks as LocationStacks, each frame of each stack a location of its own. */
function asLocationStacks(stacks: Stacks): LocationStacks {
  const n = stacks.stackFrames.length;
  const frameRange = new Int32Array(n * 2);
  for (let i = 0; i < n; i++) {
    frameRange[i * 2] = i;
    frameRange[i * 2 + 1] = i + 1;
  }
  const locs = Int32Array.from({ length: n }, (_, i) => i);
  return { count: stacks.count, starts: stacks.stackStart, locs, values: stacks.values, frameRange, frames: stacks.stackFrames, inlined: stacks.stackInlined };
}

/**
 * pprof's FlatNameOrder over frame indexes: |flat| descending, name, |cum| descending, node
 * identity; with exact totals, values that round to the same float64 are told apart exactly.
 */
function flatOrder(table: readonly Frame[], flat: Float64Array, cum: Float64Array, exact?: ExactTotals): (a: number, b: number) => number {
  const plain = new Uint8Array(table.length);
  table.forEach((f, i) => {
    plain[i] = SURROGATE.test(f.name) ? 0 : 1;
  });
  const byMagnitude = (values: Float64Array, exactValues: readonly bigint[] | undefined, a: number, b: number): number => {
    const d = Math.abs(values[b]!) - Math.abs(values[a]!);
    if (d !== 0 || exactValues === undefined) return d;
    const ea = bigAbs(exactValues[a]!);
    const eb = bigAbs(exactValues[b]!);
    return ea === eb ? 0 : ea > eb ? -1 : 1;
  };
  return (a, b) => {
    const byFlat = byMagnitude(flat, exact?.flat, a, b);
    if (byFlat !== 0) return byFlat;
    const na = table[a]!.name;
    const nb = table[b]!.name;
    if (na !== nb) return plain[a] && plain[b] ? (na < nb ? -1 : 1) : compareBytes(na, nb);
    const byCum = byMagnitude(cum, exact?.cum, a, b);
    if (byCum !== 0) return byCum;
    return compareBytes(table[a]!.identity, table[b]!.identity);
  };
}

const SURROGATE = /[\ud800-\udfff]/;

/** Go's string order (bytes of UTF-8), which differs from JS's UTF-16 order only past U+FFFF. */
export function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  // Where the strings first differ, two units that are not surrogates (and do not follow a high
  // surrogate) order as their code points do: nearly every comparison ends here, without looking
  // for surrogates in the whole of both strings (sorting a big graph compares names a million times).
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  const afterHigh = i > 0 && isHighSurrogate(a.charCodeAt(i - 1));
  if (!afterHigh) {
    if (i === n) return a.length < b.length ? -1 : 1;
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (!isSurrogate(x) && !isSurrogate(y)) return x < y ? -1 : 1;
  }
  return compareCodePoints(a, b);
}

const isSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdfff;
const isHighSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;

/** Code point order, surrogate pairs read as one code point (lone surrogates as themselves). */
function compareCodePoints(a: string, b: string): number {
  // Without surrogates, UTF-16 order is code point order, which is UTF-8 byte order.
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b ? -1 : 1;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length < b.length ? -1 : 1;
}
