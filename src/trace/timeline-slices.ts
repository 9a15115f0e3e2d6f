/**
 * The timeline's running slices: each time a goroutine ran on a P, from start to stop, with
 * why it stopped and what made it runnable before (the unblocking or creating goroutine, its P
 * and stack, and why it was waiting), in typed arrays in order of start; plus syscalls and
 * user regions. The unblocker is the goroutine of the event that made it runnable, as go tool
 * trace reports that event. Pure.
 */
import {
  I_GOROUTINE,
  I_PROC,
  I_READY_KIND,
  I_REASON,
  I_STACK,
  I_STOP_STATE,
  I_THREAD,
  I_UNBLOCK_STACK,
  I_UNBLOCKER,
  I_UNBLOCKER_PROC,
  I_WAIT_REASON,
  READY_CREATED,
  READY_STATUS,
  READY_STOPPED,
  READY_SYSCALL,
  READY_UNBLOCKED,
  SLICE_INTS,
  SLICE_TIMES,
  T_START,
  type TraceSliceRow,
  type TraceSlices,
} from '../shared/trace-view';
import { Ev, GoState } from './events';
import { GrowableFloat64, GrowableInt32 } from './growable';
import { goTransition, transitionReason, transitionStack, type GoTransition } from './kinds';
import type { Trace } from './trace';
import type { ViewTables } from './view-tables';

interface Pending {
  slice: number;
  ready: number;
  readyKind: number;
  unblocker: number;
  unblockerProc: number;
  unblockStack: number;
  waitReason: number;
  syscallStart: number;
  syscallThread: number;
  syscallStack: number;
}

export function stopReason(trace: Trace, i: number, to: number): string {
  if (to === GoState.NotExist) return 'ended';
  if (to === GoState.Syscall) return 'syscall';
  const reason = trace.strings[transitionReason(trace.events, i)] ?? '';
  return reason !== '' ? reason : to === GoState.Runnable ? 'preempted' : 'blocked';
}

const READY_FROM: Readonly<Record<number, number>> = {
  [GoState.NotExist]: READY_CREATED,
  [GoState.Waiting]: READY_UNBLOCKED,
  [GoState.Running]: READY_STOPPED,
  [GoState.Syscall]: READY_SYSCALL,
  [GoState.Undetermined]: READY_STATUS,
};

export interface TimelineSlices {
  readonly slices: TraceSlices;
  readonly syscalls: Float64Array;
}

export function timelineSlices(trace: Trace, tables: ViewTables, t0: number): TimelineSlices {
  const e = trace.events;
  // Room for a slice per two events first (the bench trace has one per three): doubling from
  // small copied ~200 MB; room never written costs little (fresh pages are mapped when touched).
  const guess = e.length / 2;
  const times = new GrowableFloat64(guess * SLICE_TIMES);
  const ints = new GrowableInt32(guess * SLICE_INTS);
  const syscalls = new GrowableFloat64();
  const pending = new Map<number, Pending>();
  const t: GoTransition = { goroutine: 0, from: 0, to: 0 };
  const of = (g: number): Pending => {
    let p = pending.get(g);
    if (p === undefined) {
      p = { slice: -1, ready: -1, readyKind: 0, unblocker: -1, unblockerProc: -1, unblockStack: 0, waitReason: 0, syscallStart: -1, syscallThread: -1, syscallStack: 0 };
      pending.set(g, p);
    }
    return p;
  };
  const close = (p: Pending, end: number, stack: number, reason: number, state: number): void => {
    if (p.slice < 0) return;
    times.set(p.slice * SLICE_TIMES + 1, end - t0);
    const at = p.slice * SLICE_INTS;
    ints.set(at + I_STACK, stack);
    ints.set(at + I_REASON, reason);
    ints.set(at + I_STOP_STATE, state);
    p.slice = -1;
  };
  // Reasons by (trace string, stopped to runnable or not): one map lookup per stop, no string work.
  const reasons = new Map<number, number>();
  const reasonOf = (i: number, to: number): number => {
    if (to === GoState.NotExist || to === GoState.Syscall) return tables.reason(stopReason(trace, i, to));
    const key = transitionReason(e, i) * 2 + (to === GoState.Runnable ? 1 : 0);
    let r = reasons.get(key);
    if (r === undefined) reasons.set(key, (r = tables.reason(stopReason(trace, i, to))));
    return r;
  };
  let syncTs = t0;
  for (let i = 0; i < e.length; i++) {
    if (e.type[i] === Ev.Sync) syncTs = e.time[i]!;
    if (!goTransition(e, i, t) || t.from === t.to) continue;
    const p = of(t.goroutine);
    // A goroutine first seen in a state was in it since the generation began (as go tool trace counts it).
    const time = t.from === GoState.Undetermined ? syncTs : e.time[i]!;
    if (t.from === GoState.Running) close(p, e.time[i]!, tables.stack(transitionStack(e, i)), reasonOf(i, t.to), t.to);
    if (t.from === GoState.Syscall && p.syscallStart >= 0) {
      syscalls.push(p.syscallStart - t0, e.time[i]! - t0, t.goroutine, p.syscallThread, p.syscallStack);
      p.syscallStart = -1;
    }
    if (t.to === GoState.Waiting) p.waitReason = reasonOf(i, t.to);
    else if (t.to === GoState.Syscall) {
      p.syscallStart = time;
      p.syscallThread = e.m[i]!;
      p.syscallStack = tables.stack(transitionStack(e, i));
    } else if (t.to === GoState.Runnable) {
      p.ready = time;
      p.readyKind = READY_FROM[t.from] ?? 0;
      const caused = t.from === GoState.Waiting || t.from === GoState.NotExist;
      p.unblocker = caused ? e.g[i]! : -1;
      p.unblockerProc = caused ? e.p[i]! : -1;
      p.unblockStack = caused ? tables.stack(e.stack[i]!) : 0;
      if (t.from !== GoState.Waiting) p.waitReason = 0;
    } else if (t.to === GoState.Running && e.p[i]! >= 0) {
      p.slice = times.length / SLICE_TIMES;
      const at = times.reserve(SLICE_TIMES);
      times.set(at, time - t0);
      times.set(at + 1, -1);
      times.set(at + 2, p.ready >= 0 ? p.ready - t0 : -1);
      const n = ints.reserve(SLICE_INTS);
      const ready = p.ready >= 0;
      ints.set(n + I_GOROUTINE, t.goroutine);
      ints.set(n + I_PROC, e.p[i]!);
      ints.set(n + I_THREAD, e.m[i]!);
      ints.set(n + I_STOP_STATE, -1);
      ints.set(n + I_WAIT_REASON, ready ? p.waitReason : 0);
      ints.set(n + I_UNBLOCKER, p.unblocker);
      ints.set(n + I_UNBLOCKER_PROC, p.unblockerProc);
      ints.set(n + I_UNBLOCK_STACK, p.unblockStack);
      ints.set(n + I_READY_KIND, ready ? p.readyKind : 0);
      p.ready = -1;
      p.readyKind = 0;
      p.unblocker = -1;
      p.unblockerProc = -1;
      p.unblockStack = 0;
      p.waitReason = 0;
    }
  }
  const last = e.length > 0 ? e.time[e.length - 1]! : t0;
  const atEnd = tables.reason('running at the end of the trace');
  for (const [g, p] of pending) {
    close(p, last, 0, atEnd, -1);
    if (p.syscallStart >= 0) syscalls.push(p.syscallStart - t0, last - t0, g, p.syscallThread, p.syscallStack);
  }
  return { slices: inStartOrder({ count: times.length / SLICE_TIMES, times: times.finish(), ints: ints.finish() }), syscalls: syscalls.finish() };
}

/**
 * The slices sorted by start (a goroutine found running when a generation began starts at that
 * generation's start, before slices seen earlier). Those few are sorted apart and merged back,
 * so millions of slices cost two linear passes.
 */
function inStartOrder(s: TraceSlices): TraceSlices {
  const start = (i: number): number => s.times[i * SLICE_TIMES]!;
  const inOrder: number[] = [];
  const late: number[] = [];
  let latest = -Infinity;
  for (let i = 0; i < s.count; i++) {
    if (start(i) >= latest) {
      inOrder.push(i);
      latest = start(i);
    } else late.push(i);
  }
  if (late.length === 0) return s;
  late.sort((a, b) => start(a) - start(b) || a - b);
  const times = new Float64Array(s.times.length);
  const ints = new Int32Array(s.ints.length);
  let a = 0;
  let b = 0;
  for (let to = 0; to < s.count; to++) {
    const takeLate = b < late.length && (a >= inOrder.length || start(late[b]!) < start(inOrder[a]!) || (start(late[b]!) === start(inOrder[a]!) && late[b]! < inOrder[a]!));
    const from = takeLate ? late[b++]! : inOrder[a++]!;
    for (let k = 0; k < SLICE_TIMES; k++) times[to * SLICE_TIMES + k] = s.times[from * SLICE_TIMES + k]!;
    for (let k = 0; k < SLICE_INTS; k++) ints[to * SLICE_INTS + k] = s.ints[from * SLICE_INTS + k]!;
  }
  return { count: s.count, times, ints };
}

/** Rows of slices by a key (P, thread, start function), sorted by key; `key` returns -1 to leave a slice out. */
export function rowsBy(s: TraceSlices, key: (ints: Int32Array, at: number) => number): TraceSliceRow[] {
  const rows = new Map<number, GrowableInt32>();
  for (let i = 0; i < s.count; i++) {
    const k = key(s.ints, i * SLICE_INTS);
    if (k < 0) continue;
    let row = rows.get(k);
    if (row === undefined) rows.set(k, (row = new GrowableInt32()));
    row.push(i);
  }
  return [...rows].sort((a, b) => a[0] - b[0]).map(([id, row]) => ({ id, slices: row.finish() }));
}

export const byProc = (ints: Int32Array, at: number): number => ints[at + I_PROC]!;
export const byThread = (ints: Int32Array, at: number): number => ints[at + I_THREAD]!;
export const byGoroutine = (ints: Int32Array, at: number): number => ints[at + I_GOROUTINE]!;
export const startOf = (s: TraceSlices, i: number): number => s.times[i * SLICE_TIMES + T_START]!;

/** User regions: [start, end, goroutine, name, task] each (end -1 if not ended in the trace). */
export function userRegions(trace: Trace, tables: ViewTables, t0: number): Float64Array {
  const e = trace.events;
  const out = new GrowableFloat64();
  const open = new Map<number, number[]>();
  for (let i = 0; i < e.length; i++) {
    const type = e.type[i];
    if (type !== Ev.UserRegionBegin && type !== Ev.UserRegionEnd) continue;
    const g = e.g[i]!;
    const name = tables.reason(trace.strings[e.a1[i]!] ?? '');
    let stack = open.get(g);
    if (stack === undefined) open.set(g, (stack = []));
    if (type === Ev.UserRegionBegin) {
      stack.push(out.length);
      out.push(e.time[i]! - t0, -1, g, name, e.a0[i]!);
    } else {
      // The innermost open region of that name ends.
      for (let k = stack.length - 1; k >= 0; k--) {
        if (out.get(stack[k]! + 3) !== name) continue;
        out.set(stack[k]! + 1, e.time[i]! - t0);
        stack.splice(k, 1);
        break;
      }
    }
  }
  return out.finish();
}
