/**
 * Level of detail for large traces: the running slices of a time window at a given number of
 * pixels. Per row (P, thread, start function, goroutine), one slice per pixel: of those starting
 * in it, the one that ends last, so the row covers the same pixels and a window of millions of
 * slices is at most a few thousand per row. The worker keeps the whole model and
 * answers these requests; the webview gets only what it can show. Pure.
 */
import { SLICE_INTS, SLICE_TIMES, T_END, T_START, I_GOROUTINE, type TraceSliceRow, type TraceSlices, type TraceViewModel } from './trace-view';
import { isFiniteNumber, isIndex, isRecord } from './guards';

export interface TraceWindowRequest {
  /** Answers carry it back, so a late answer to an old request can be told apart. */
  readonly seq: number;
  readonly start: number;
  readonly end: number;
  /** The plot's width in pixels (the resolution). */
  readonly pixels: number;
  /** Goroutines whose own rows are shown (the selected one, those of expanded start functions). */
  readonly goroutines: readonly number[];
}

export interface TraceWindow {
  readonly seq: number;
  readonly start: number;
  readonly end: number;
  readonly slices: TraceSlices;
  readonly procs: readonly TraceSliceRow[];
  readonly threads: readonly TraceSliceRow[];
  readonly groupRows: readonly TraceSliceRow[];
  /** One row per requested goroutine, `id` the goroutine. */
  readonly goroutineRows: readonly TraceSliceRow[];
}

const MAX_GOROUTINES = 10_000;

export function parseWindowRequest(value: unknown): TraceWindowRequest | undefined {
  if (!isRecord(value) || !isIndex(value.seq) || !isFiniteNumber(value.start) || !isFiniteNumber(value.end) || !isIndex(value.pixels)) return undefined;
  const g = value.goroutines;
  if (!Array.isArray(g) || g.length > MAX_GOROUTINES || !g.every((x) => isIndex(x))) return undefined;
  if (value.end <= value.start || value.pixels === 0 || value.pixels > 20_000) return undefined;
  return { seq: value.seq, start: value.start, end: value.end, pixels: value.pixels, goroutines: g as number[] };
}

const starts = (s: TraceSlices, i: number): number => s.times[i * SLICE_TIMES + T_START]!;
const ends = (s: TraceSlices, i: number, d: number): number => {
  const e = s.times[i * SLICE_TIMES + T_END]!;
  return e < 0 ? d : e;
};

/** The running latest end of a row's slices (cached per row). */
const maxEnds = new WeakMap<Int32Array, Float64Array>();
function maxEndOf(s: TraceSlices, items: Int32Array, d: number): Float64Array {
  let m = maxEnds.get(items);
  if (m === undefined) {
    m = new Float64Array(items.length);
    let latest = -Infinity;
    for (let i = 0; i < items.length; i++) m[i] = latest = Math.max(latest, ends(s, items[i]!, d));
    maxEnds.set(items, m);
  }
  return m;
}

function search(n: number, below: (i: number) => boolean, from = 0): number {
  let lo = from;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (below(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The items of one row the window keeps: per pixel, of the items starting in it, the one that
 * ends last (it covers every pixel the others cover, whether they overlap or not), plus the
 * item before the window and the first after it (a goroutine's waits at the edges).
 */
function keep(s: TraceSlices, items: Int32Array, d: number, req: TraceWindowRequest, out: number[]): void {
  const maxEnd = maxEndOf(s, items, d);
  const scale = req.pixels / (req.end - req.start);
  let i = Math.max(0, search(items.length, (k) => maxEnd[k]! < req.start) - 1);
  if (i < items.length && ends(s, items[i]!, d) < req.start) out.push(items[i++]!);
  let pixel = NaN;
  let best = -1;
  let bestEnd = -Infinity;
  for (; i < items.length; i++) {
    const item = items[i]!;
    const t0 = starts(s, item);
    const p = Math.floor((Math.max(t0, req.start) - req.start) * scale);
    if (p !== pixel) {
      if (best >= 0) out.push(best);
      pixel = p;
      best = -1;
      bestEnd = -Infinity;
    }
    if (t0 > req.end) {
      out.push(item);
      return;
    }
    const t1 = ends(s, item, d);
    if (t1 > bestEnd) {
      best = item;
      bestEnd = t1;
    }
  }
  if (best >= 0) out.push(best);
}

/** A goroutine's slices from its start function's row, in order of start (cached per row and goroutine). */
const goroutineItems = new WeakMap<Int32Array, Map<number, Int32Array>>();
function itemsOf(model: TraceViewModel, goroutine: number): Int32Array {
  const name = model.goroutines.find((g) => g.id === goroutine)?.name;
  const row = model.groupRows.find((r) => model.groups[r.id]?.name === name);
  if (row === undefined) return new Int32Array(0);
  let cache = goroutineItems.get(row.slices);
  if (cache === undefined) goroutineItems.set(row.slices, (cache = new Map()));
  let items = cache.get(goroutine);
  if (items === undefined) cache.set(goroutine, (items = row.slices.filter((i) => model.slices.ints[i * SLICE_INTS + I_GOROUTINE] === goroutine)));
  return items;
}

/** The window of a complete model: its slices renumbered, each row's kept slices in order of start. */
export function windowOf(model: TraceViewModel, req: TraceWindowRequest): TraceWindow {
  const s = model.slices;
  const d = model.durationNs;
  const rowsKept = (rows: readonly TraceSliceRow[]): { id: number; kept: number[] }[] =>
    rows.map((r) => {
      const kept: number[] = [];
      keep(s, r.slices, d, req, kept);
      return { id: r.id, kept };
    });
  const procs = rowsKept(model.procs);
  const threads = rowsKept(model.threads);
  const groups = rowsKept(model.groupRows);
  const goroutines = rowsKept(req.goroutines.map((g) => ({ id: g, slices: itemsOf(model, g) })));
  const used = new Set<number>();
  for (const r of [...procs, ...threads, ...groups, ...goroutines]) for (const i of r.kept) used.add(i);
  const order = Int32Array.from(used).sort();
  const renumber = new Map<number, number>();
  order.forEach((old, i) => renumber.set(old, i));
  const times = new Float64Array(order.length * SLICE_TIMES);
  const ints = new Int32Array(order.length * SLICE_INTS);
  order.forEach((old, i) => {
    times.set(s.times.subarray(old * SLICE_TIMES, (old + 1) * SLICE_TIMES), i * SLICE_TIMES);
    ints.set(s.ints.subarray(old * SLICE_INTS, (old + 1) * SLICE_INTS), i * SLICE_INTS);
  });
  const rows = (list: { id: number; kept: number[] }[]): TraceSliceRow[] => list.map((r) => ({ id: r.id, slices: Int32Array.from(r.kept, (i) => renumber.get(i)!) }));
  return { seq: req.seq, start: req.start, end: req.end, slices: { count: order.length, times, ints }, procs: rows(procs), threads: rows(threads), groupRows: rows(groups), goroutineRows: rows(goroutines) };
}
