/**
 * The Go Trace editor's view model from a Trace: what ran on each P and thread, why it stopped
 * and what made it runnable, syscalls and user regions, GC
 * and stop-the-world ranges, the heap over time, the goroutine analysis per goroutine and per
 * start function, user tasks and logs. Pure.
 */
import { I_GOROUTINE, type TraceGoroutineRow, type TraceLogRow, type TraceTaskRow, type TraceViewModel } from '../shared/trace-view';
import { Ev } from './events';
import { goroutineAnalysis, type GoroutineStats } from './goroutine-analysis';
import { GrowableFloat64 } from './growable';
import { syncReason } from './profiles';
import { byProc, byThread, rowsBy, timelineSlices, userRegions } from './timeline-slices';
import type { Trace } from './trace';
import { ViewTables } from './view-tables';

/** [start, end] pairs of the ranges from `begin` (or `active`, at its time) to `end`. */
function ranges(trace: Trace, t0: number, begin: number, active: number, end: number): number[] {
  const e = trace.events;
  const out: number[] = [];
  let open = -1;
  for (let i = 0; i < e.length; i++) {
    const type = e.type[i];
    if ((type === begin || type === active) && open < 0) open = e.time[i]!;
    else if (type === end && open >= 0) {
      out.push(open - t0, e.time[i]! - t0);
      open = -1;
    }
  }
  if (open >= 0 && e.length > 0) out.push(open - t0, e.time[e.length - 1]! - t0);
  return out;
}

function row(g: GoroutineStats, tables: ViewTables): TraceGoroutineRow {
  let syncBlock = 0;
  let netWait = 0;
  let otherBlock = 0;
  for (const [reason, ns] of g.blocked) {
    if (reason === 'network') netWait += ns;
    else if (syncReason(reason)) syncBlock += ns;
    else otherBlock += ns;
  }
  return {
    name: g.name,
    frame: g.startFrame >= 0 ? tables.frame(g.startFrame) : -1,
    id: g.id,
    count: 1,
    total: g.total,
    exec: g.exec,
    schedWait: g.schedWait,
    syncBlock,
    netWait,
    syscall: g.syscall + g.syscallBlock,
    otherBlock,
    gcAssist: g.gcAssist,
  };
}

function groupRows(rows: readonly TraceGoroutineRow[]): TraceGoroutineRow[] {
  const groups = new Map<string, TraceGoroutineRow>();
  for (const r of rows) {
    const g = groups.get(r.name);
    if (g === undefined) {
      groups.set(r.name, { ...r, id: 0 });
      continue;
    }
    groups.set(r.name, {
      ...g,
      count: g.count + 1,
      total: g.total + r.total,
      exec: g.exec + r.exec,
      schedWait: g.schedWait + r.schedWait,
      syncBlock: g.syncBlock + r.syncBlock,
      netWait: g.netWait + r.netWait,
      syscall: g.syscall + r.syscall,
      otherBlock: g.otherBlock + r.otherBlock,
      gcAssist: g.gcAssist + r.gcAssist,
    });
  }
  return [...groups.values()].sort((a, b) => b.exec - a.exec || a.name.localeCompare(b.name));
}

function annotations(trace: Trace, t0: number): { tasks: TraceTaskRow[]; logs: TraceLogRow[] } {
  const e = trace.events;
  const tasks = new Map<number, { id: number; name: string; start: number; end: number }>();
  const logs: TraceLogRow[] = [];
  for (let i = 0; i < e.length; i++) {
    const type = e.type[i];
    if (type === Ev.UserTaskBegin) tasks.set(e.a0[i]!, { id: e.a0[i]!, name: trace.strings[e.a2[i]!] ?? '', start: e.time[i]! - t0, end: -1 });
    else if (type === Ev.UserTaskEnd) {
      const task = tasks.get(e.a0[i]!);
      if (task !== undefined) task.end = e.time[i]! - t0;
    } else if (type === Ev.UserLog) {
      logs.push({ time: e.time[i]! - t0, goroutine: e.g[i]!, category: trace.strings[e.a1[i]!] ?? '', message: trace.strings[e.a2[i]!] ?? '' });
    }
  }
  return { tasks: [...tasks.values()], logs };
}

export function traceViewModel(trace: Trace, fileName: string): TraceViewModel {
  const e = trace.events;
  const t0 = e.length > 0 ? e.time[0]! : 0;
  // What traceCounts gives the view (not its goroutine set, a Set insert per state change).
  let gcCycles = 0;
  for (let i = 0; i < e.length; i++) if (e.type[i] === Ev.GCBegin) gcCycles++;
  const tables = new ViewTables(trace);
  const { slices, syscalls } = timelineSlices(trace, tables, t0);
  const heap = new GrowableFloat64();
  for (let i = 0; i < e.length; i++) if (e.type[i] === Ev.HeapAlloc) heap.push(e.time[i]! - t0, e.a0[i]!);
  const goroutines = goroutineAnalysis(trace).map((g) => row(g, tables));
  const groups = groupRows(goroutines);
  const groupIndex = new Map(groups.map((g, i) => [g.name, i]));
  const groupOf = new Map(goroutines.map((g) => [g.id, groupIndex.get(g.name)!]));
  return {
    fileName,
    version: trace.version,
    durationNs: e.length > 0 ? e.time[e.length - 1]! - t0 : 0,
    events: e.length,
    gcCycles,
    complete: true,
    slices,
    procs: rowsBy(slices, byProc),
    threads: rowsBy(slices, byThread),
    groupRows: rowsBy(slices, (ints, at) => groupOf.get(ints[at + I_GOROUTINE]!) ?? -1),
    syscalls,
    regions: userRegions(trace, tables, t0),
    gc: ranges(trace, t0, Ev.GCBegin, Ev.GCActive, Ev.GCEnd),
    stw: ranges(trace, t0, Ev.STWBegin, -1, Ev.STWEnd),
    heap: heap.finish(),
    frames: tables.frames,
    stacks: tables.stacks,
    reasons: tables.reasons,
    goroutines,
    groups,
    ...annotations(trace, t0),
  };
}
