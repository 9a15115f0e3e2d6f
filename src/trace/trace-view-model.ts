/**
 * The Go Trace editor's view model from a Trace: what ran on each P and why it stopped, GC
 * and stop-the-world ranges, the heap over time, the goroutine analysis per goroutine and per
 * start function, user tasks and logs. Pure.
 */
import type { TraceGoroutineRow, TraceLogRow, TraceProcRow, TraceTaskRow, TraceViewModel } from '../shared/trace-view';
import { Ev, GoState } from './events';
import { goroutineAnalysis, type GoroutineStats } from './goroutine-analysis';
import { goTransition, transitionReason, transitionStack, type GoTransition } from './kinds';
import { syncReason } from './profiles';
import { traceCounts } from './summary';
import type { Trace } from './trace';

/** Tables of only the stacks, frames and reasons the view refers to. */
class ViewTables {
  readonly frames: { func: string; file: string; line: number }[] = [];
  readonly stacks: number[][] = [[]];
  readonly reasons: string[] = [''];
  private readonly frameIndex = new Map<number, number>();
  private readonly stackIndex = new Map<number, number>([[0, 0]]);
  private readonly reasonIndex = new Map<string, number>([['', 0]]);

  constructor(private readonly trace: Trace) {}

  frame(traceFrame: number): number {
    let i = this.frameIndex.get(traceFrame);
    if (i === undefined) {
      const f = this.trace.frames[traceFrame]!;
      i = this.frames.length;
      this.frames.push({ func: f.func, file: f.file, line: f.line });
      this.frameIndex.set(traceFrame, i);
    }
    return i;
  }

  stack(traceStack: number): number {
    let i = this.stackIndex.get(traceStack);
    if (i === undefined) {
      i = this.stacks.length;
      this.stacks.push(this.trace.stacks[traceStack]!.map((f) => this.frame(f)));
      this.stackIndex.set(traceStack, i);
    }
    return i;
  }

  reason(text: string): number {
    let i = this.reasonIndex.get(text);
    if (i === undefined) {
      i = this.reasons.length;
      this.reasons.push(text);
      this.reasonIndex.set(text, i);
    }
    return i;
  }
}

function stopReason(trace: Trace, i: number, to: number): string {
  if (to === GoState.NotExist) return 'ended';
  if (to === GoState.Syscall) return 'syscall';
  const reason = trace.strings[transitionReason(trace.events, i)] ?? '';
  return reason !== '' ? reason : to === GoState.Runnable ? 'preempted' : 'blocked';
}

function timeline(trace: Trace, tables: ViewTables, t0: number): TraceProcRow[] {
  const e = trace.events;
  const rows = new Map<number, number[]>();
  const running = new Map<number, { start: number; p: number }>();
  const t: GoTransition = { goroutine: 0, from: 0, to: 0 };
  const close = (g: number, end: number, stack: number, reason: number): void => {
    const open = running.get(g);
    if (open === undefined) return;
    running.delete(g);
    let row = rows.get(open.p);
    if (row === undefined) rows.set(open.p, (row = []));
    row.push(open.start - t0, end - t0, g, stack, reason);
  };
  let syncTs = t0;
  for (let i = 0; i < e.length; i++) {
    if (e.type[i] === Ev.Sync) syncTs = e.time[i]!;
    if (!goTransition(e, i, t) || t.from === t.to) continue;
    if (t.from === GoState.Running) close(t.goroutine, e.time[i]!, tables.stack(transitionStack(e, i)), tables.reason(stopReason(trace, i, t.to)));
    // A goroutine first seen running was running since the generation began (as go tool trace counts it).
    const start = t.from === GoState.Undetermined ? syncTs : e.time[i]!;
    if (t.to === GoState.Running && e.p[i]! >= 0) running.set(t.goroutine, { start, p: e.p[i]! });
  }
  const last = e.length > 0 ? e.time[e.length - 1]! : t0;
  for (const g of [...running.keys()]) close(g, last, 0, tables.reason('running at the end of the trace'));
  return [...rows].sort((a, b) => a[0] - b[0]).map(([proc, slices]) => ({ proc, slices }));
}

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
  const counts = traceCounts(trace);
  const tables = new ViewTables(trace);
  const procs = timeline(trace, tables, t0);
  const heap: number[] = [];
  for (let i = 0; i < e.length; i++) if (e.type[i] === Ev.HeapAlloc) heap.push(e.time[i]! - t0, e.a0[i]!);
  const goroutines = goroutineAnalysis(trace).map((g) => row(g, tables));
  return {
    fileName,
    version: trace.version,
    durationNs: counts.durationNs,
    events: counts.events,
    gcCycles: counts.gcCycles,
    procs,
    gc: ranges(trace, t0, Ev.GCBegin, Ev.GCActive, Ev.GCEnd),
    stw: ranges(trace, t0, Ev.STWBegin, -1, Ev.STWEnd),
    heap,
    frames: tables.frames,
    stacks: tables.stacks,
    reasons: tables.reasons,
    goroutines,
    groups: groupRows(goroutines),
    ...annotations(trace, t0),
  };
}
