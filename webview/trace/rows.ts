/**
 * The timeline's rows from the view model: GC, STW, heap, the selected goroutine's own states,
 * one row per P and per thread, syscalls per thread, one row per start function (expanded: one
 * state row per goroutine), user tasks, regions per goroutine and logs. Slice rows hold
 * indexes into the model's slices in order of start, with the running latest end for search.
 */
import { I_GOROUTINE, REGION_FIELDS, SLICE_INTS, SLICE_TIMES, SYSCALL_FIELDS, T_END, T_START, type TraceSliceRow, type TraceViewModel } from '../../src/shared/trace-view';

/** Rows of intervals: `items` index the row's source (slices, syscalls or regions), in order of start; `maxEnd[i]` is the latest end of items 0..i. */
export interface IntervalRow {
  readonly kind: 'slices' | 'strip' | 'syscalls' | 'regions';
  readonly label: string;
  readonly items: Int32Array;
  readonly maxEnd: Float64Array;
  /** A start function's row: its index in model.groups (its label toggles its goroutines). */
  readonly group?: number;
  /** A goroutine's state row. */
  readonly goroutine?: number;
}

export type Row = { readonly kind: 'gc' | 'stw' | 'heap' | 'tasks' | 'logs'; readonly label: string } | IntervalRow;

/** Where an interval source keeps starts and ends: `values[i * stride + start]`. */
export interface Intervals {
  readonly values: Float64Array;
  readonly stride: number;
  readonly start: number;
  readonly end: number;
}

export const sliceIntervals = (m: TraceViewModel): Intervals => ({ values: m.slices.times, stride: SLICE_TIMES, start: T_START, end: T_END });
export const syscallIntervals = (m: TraceViewModel): Intervals => ({ values: m.syscalls, stride: SYSCALL_FIELDS, start: 0, end: 1 });
export const regionIntervals = (m: TraceViewModel): Intervals => ({ values: m.regions, stride: REGION_FIELDS, start: 0, end: 1 });

export function intervalsOf(m: TraceViewModel, row: IntervalRow): Intervals {
  if (row.kind === 'syscalls') return syscallIntervals(m);
  if (row.kind === 'regions') return regionIntervals(m);
  return sliceIntervals(m);
}

/** An end of -1 (not ended in the trace) counts as the trace's end. */
export function endOf(iv: Intervals, item: number, durationNs: number): number {
  const e = iv.values[item * iv.stride + iv.end]!;
  return e < 0 ? durationNs : e;
}

export function startOf(iv: Intervals, item: number): number {
  return iv.values[item * iv.stride + iv.start]!;
}

function intervalRow(kind: IntervalRow['kind'], label: string, items: Int32Array, iv: Intervals, durationNs: number, extra: Partial<IntervalRow> = {}): IntervalRow {
  const maxEnd = new Float64Array(items.length);
  let latest = -Infinity;
  for (let i = 0; i < items.length; i++) maxEnd[i] = latest = Math.max(latest, endOf(iv, items[i]!, durationNs));
  return { kind, label, items, maxEnd, ...extra };
}

/** Items of a source whose `field` equals each key, sorted by start: key -> item indexes. */
function itemsBy(iv: Intervals, count: number, field: number): Map<number, Int32Array> {
  const lists = new Map<number, number[]>();
  for (let i = 0; i < count; i++) {
    const k = iv.values[i * iv.stride + field]!;
    let list = lists.get(k);
    if (list === undefined) lists.set(k, (list = []));
    list.push(i);
  }
  const out = new Map<number, Int32Array>();
  for (const [k, list] of [...lists].sort((a, b) => a[0] - b[0])) out.set(k, Int32Array.from(list.sort((a, b) => startOf(iv, a) - startOf(iv, b))));
  return out;
}

/** The model as shown: for a large trace, with the current window's slices and rows (and its goroutines' own rows). */
export type ShownModel = TraceViewModel & { readonly goroutineRows?: readonly TraceSliceRow[] };

/** A goroutine's slices (the window's row for it, or from its start function's row), in order of start. */
export function goroutineSlices(model: ShownModel, goroutine: number): Int32Array {
  const own = model.goroutineRows?.find((r) => r.id === goroutine);
  if (own !== undefined) return own.slices;
  const group = model.groups.findIndex((g) => g.name === (model.goroutines.find((r) => r.id === goroutine)?.name ?? ''));
  const row = model.groupRows.find((r) => r.id === group);
  if (row === undefined) return new Int32Array(0);
  const ints = model.slices.ints;
  return row.slices.filter((s) => ints[s * SLICE_INTS + I_GOROUTINE] === goroutine);
}

/** The goroutines whose own rows are shown: the selected one and those of expanded start functions. */
export function shownGoroutines(model: TraceViewModel, state: RowState): number[] {
  const names = new Set([...state.expanded].map((g) => model.groups[g]?.name));
  const ids = model.goroutines.filter((g) => names.has(g.name)).map((g) => g.id);
  return state.selectedGoroutine === undefined ? ids : [...new Set([state.selectedGoroutine, ...ids])];
}

export interface RowState {
  /** Start functions (indexes into model.groups) whose goroutines are shown. */
  readonly expanded: ReadonlySet<number>;
  readonly selectedGoroutine: number | undefined;
}

export function buildRows(model: ShownModel, state: RowState): Row[] {
  const d = model.durationNs;
  const slices = sliceIntervals(model);
  const strip = (g: number, label: string): IntervalRow => intervalRow('strip', label, goroutineSlices(model, g), slices, d, { goroutine: g });
  const rows: Row[] = [
    { kind: 'gc', label: 'GC' },
    { kind: 'stw', label: 'STW' },
    { kind: 'heap', label: 'Heap' },
  ];
  if (state.selectedGoroutine !== undefined) rows.push(strip(state.selectedGoroutine, `G${state.selectedGoroutine} states`));
  for (const p of model.procs) rows.push(intervalRow('slices', `P${p.id}`, p.slices, slices, d));
  for (const m of model.threads) rows.push(intervalRow('slices', `M${m.id}`, m.slices, slices, d));
  const sys = syscallIntervals(model);
  for (const [m, items] of itemsBy(sys, model.syscalls.length / SYSCALL_FIELDS, 3)) rows.push(intervalRow('syscalls', `M${m} syscalls`, items, sys, d));
  for (const r of model.groupRows) {
    const g = model.groups[r.id]!;
    const open = state.expanded.has(r.id);
    rows.push(intervalRow('slices', `${open ? '▾' : '▸'} ${g.name || '(unknown)'} (${g.count})`, r.slices, slices, d, { group: r.id }));
    if (!open) continue;
    for (const member of model.goroutines) if (member.name === g.name) rows.push(strip(member.id, `  G${member.id}`));
  }
  if (model.tasks.length > 0) rows.push({ kind: 'tasks', label: 'Tasks' });
  const regions = regionIntervals(model);
  for (const [g, items] of itemsBy(regions, model.regions.length / REGION_FIELDS, 2)) rows.push(intervalRow('regions', `G${g} regions`, items, regions, d));
  if (model.logs.length > 0) rows.push({ kind: 'logs', label: 'Logs' });
  return rows;
}

/** The first item whose running latest end (non-decreasing) is at or after `t`. */
export function firstEndingAfter(maxEnd: Float64Array, t: number): number {
  let lo = 0;
  let hi = maxEnd.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (maxEnd[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first item at or after `from` that starts at or after `t`. */
export function firstStartingAt(iv: Intervals, items: Int32Array, from: number, t: number): number {
  let lo = from;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (startOf(iv, items[mid]!) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
