/**
 * Level of detail for large traces: the running slices of a time window at a given number of
 * pixels. Per row (P, thread, start function, goroutine), the slices the timeline would draw:
 * once slices are narrower than a pixel, one per pixel (plus any that reach past it), so a
 * window of millions of slices is a few thousand per row. The worker keeps the whole model and
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

/** The items of one row the window keeps (the same steps as the timeline's painting), plus the one before (a goroutine's wait before the first). */
function keep(s: TraceSlices, items: Int32Array, d: number, req: TraceWindowRequest, out: number[]): void {
  const maxEnd = maxEndOf(s, items, d);
  const span = req.end - req.start;
  const pixel = (t: number): number => Math.floor(((t - req.start) / span) * req.pixels);
  const timeOf = (p: number): number => req.start + (p / req.pixels) * span;
  let i = Math.max(0, search(items.length, (k) => maxEnd[k]! < req.start) - 1);
  let drawnTo = -Infinity;
  while (i < items.length) {
    const item = items[i]!;
    const t0 = starts(s, item);
    out.push(item);
    if (t0 > req.end) break;
    const t1 = ends(s, item, d);
    drawnTo = Math.max(drawnTo, t1);
    if (pixel(t1) === pixel(t0)) {
      const pixelEnd = timeOf(pixel(t0) + 1);
      // Skip to the last item starting in this pixel (it may reach into the next) when none of those between reaches past what is covered.
      const j = search(items.length, (k) => starts(s, items[k]!) < pixelEnd, i + 1) - 1;
      if (j > i + 1 && maxEnd[j - 1]! <= Math.max(pixelEnd, drawnTo)) {
        i = j;
        continue;
      }
    }
    i++;
  }
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
