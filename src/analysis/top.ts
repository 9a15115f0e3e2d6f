import type { Profile, ValueType } from '../pprof/profile';
import type { ReportOptions } from './options';
import { buildFrameTotals, type FrameTotals } from './frame-totals';
import type { Frame } from './frames';
import type { Stacks } from './stacks';

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
}

export interface TopTable {
  readonly sampleType: ValueType;
  readonly total: number;
  /** Every node with a non-zero flat or cum, in `go tool pprof -top` order. */
  readonly rows: TopRow[];
}

export function topTable(profile: Profile, options: ReportOptions): TopTable {
  return topTableOfTotals(buildFrameTotals(profile, options));
}

/** The top table of frame totals however they were computed (buildFrameTotals, FrameTotalsFromRuns). */
export function topTableOfTotals(totals: FrameTotals): TopTable {
  return topTableFromTotals(totals.frames, totals.flat, totals.cum, totals.sampleType, totals.total);
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
  return topTableFromTotals(stacks.frames, flat, cum, stacks.sampleType, stacks.total);
}

function topTableFromTotals(
  table: readonly Frame[],
  flat: Float64Array,
  cum: Float64Array,
  sampleType: ValueType,
  total: number,
): TopTable {
  const frames: number[] = [];
  for (let f = 0; f < table.length; f++) if (flat[f] !== 0 || cum[f] !== 0) frames.push(f);
  frames.sort(flatOrder(table, flat, cum));
  const rows = frames.map((f): TopRow => {
    const frame = table[f]!;
    return {
      name: frame.name,
      file: frame.file,
      line: frame.line,
      flat: flat[f]!,
      cum: cum[f]!,
      frame: f,
      inlineLabel: frame.inlined ? '(inline)' : frame.partialInline ? '(partial-inline)' : '',
    };
  });
  return { sampleType, total, rows };
}

/** pprof's FlatNameOrder over frame indexes: |flat| descending, name, |cum| descending, node identity. */
function flatOrder(table: readonly Frame[], flat: Float64Array, cum: Float64Array): (a: number, b: number) => number {
  const plain = new Uint8Array(table.length);
  table.forEach((f, i) => {
    plain[i] = SURROGATE.test(f.name) ? 0 : 1;
  });
  return (a, b) => {
    const fa = Math.abs(flat[a]!);
    const fb = Math.abs(flat[b]!);
    if (fa !== fb) return fb - fa;
    const na = table[a]!.name;
    const nb = table[b]!.name;
    if (na !== nb) return plain[a] && plain[b] ? (na < nb ? -1 : 1) : compareBytes(na, nb);
    const ca = Math.abs(cum[a]!);
    const cb = Math.abs(cum[b]!);
    if (ca !== cb) return cb - ca;
    return compareBytes(table[a]!.identity, table[b]!.identity);
  };
}

const SURROGATE = /[\ud800-\udfff]/;

/** Go's string order (bytes of UTF-8), which differs from JS's UTF-16 order only past U+FFFF. */
export function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
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
