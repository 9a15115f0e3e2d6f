/**
 * Goroutine analysis, as go tool trace's "Goroutines" pages report it: for each goroutine the
 * time it existed in the trace split into non-overlapping parts (running, runnable, blocked by
 * reason, in a syscall holding its P, in a syscall after losing it, unknown) plus its time in
 * GC mark assist, and the function it started in. Written from the description of those
 * statistics in the Go sources (internal/trace's summary); the times are nanoseconds.
 */
import { Ev, GoState, ProcStatus } from './events';
import { goTransition, procTransition, transitionReason, transitionStack, type GoTransition } from './kinds';
import { NONE, type Trace } from './trace';

export interface GoroutineStats {
  readonly id: number;
  /** The function the goroutine started in ("" if no stack of it was seen). */
  name: string;
  /** Index into Trace.frames of that function's frame, or -1. */
  startFrame: number;
  /** Nanoseconds: first seen, first ran (0: never), ended (0: did not end in the trace). */
  creation: number;
  start: number;
  end: number;
  total: number;
  exec: number;
  schedWait: number;
  /** In a syscall with its P. */
  syscall: number;
  /** In a syscall after its P was taken away. */
  syscallBlock: number;
  /** Blocked, by the reason the runtime gave ("chan receive", "sync", "network", ...). */
  readonly blocked: Map<string, number>;
  /** In GC mark assist (overlaps the other times). */
  gcAssist: number;
}

/** What is not accounted for by the non-overlapping parts. */
export function unknownTime(g: GoroutineStats): number {
  let sum = g.exec + g.schedWait + g.syscall + g.syscallBlock;
  for (const t of g.blocked.values()) sum += t;
  return sum < g.total ? g.total - sum : 0;
}

/** Goroutines with no stack of their own start in the runtime, as go tool trace tells them apart. */
export function isSystemGoroutine(name: string): boolean {
  return name === '' || (name !== 'runtime.main' && name.startsWith('runtime.'));
}

interface Pending {
  running: number;
  runnable: number;
  blockedSince: number;
  blockReason: string;
  syscallSince: number;
  syscallBlockSince: number;
  assistSince: number;
  done: boolean;
}

export function goroutineAnalysis(trace: Trace): GoroutineStats[] {
  const e = trace.events;
  // One map for both halves of a goroutine's state: one lookup per state change (millions).
  const goroutines = new Map<number, [GoroutineStats, Pending]>();
  const syscallingP = new Map<number, number>();
  const syscallingG = new Map<number, number>();
  const t: GoTransition = { goroutine: 0, from: 0, to: 0 };
  const pt = { proc: 0, from: 0, to: 0 };
  let syncTs = 0;
  let lastTs = 0;

  const begin = (id: number, creation: number): [GoroutineStats, Pending] => {
    const g: GoroutineStats = { id, name: '', startFrame: -1, creation, start: 0, end: 0, total: 0, exec: 0, schedWait: 0, syscall: 0, syscallBlock: 0, blocked: new Map(), gcAssist: 0 };
    const p: Pending = { running: 0, runnable: 0, blockedSince: 0, blockReason: '', syscallSince: 0, syscallBlockSince: 0, assistSince: 0, done: false };
    goroutines.set(id, [g, p]);
    return [g, p];
  };
  const addBlocked = (g: GoroutineStats, reason: string, dt: number): void => {
    g.blocked.set(reason, (g.blocked.get(reason) ?? 0) + dt);
  };
  /** Closes the goroutine's open intervals at `at` (its end, or the trace's). */
  const finish = (g: GoroutineStats, p: Pending, at: number): void => {
    if (p.done) return;
    p.done = true;
    if (g.total === 0) g.total = at - g.creation;
    if (p.running !== 0) g.exec += at - p.running;
    if (p.runnable !== 0) g.schedWait += at - p.runnable;
    if (p.blockedSince !== 0) addBlocked(g, p.blockReason, at - p.blockedSince);
    if (p.syscallSince !== 0) g.syscall += at - p.syscallSince;
    if (p.syscallBlockSince !== 0) g.schedWait += at - p.syscallBlockSince;
    if (p.assistSince !== 0) g.gcAssist += at - p.assistSince;
  };

  for (let i = 0; i < e.length; i++) {
    const time = e.time[i]!;
    const type = e.type[i]!;
    if (syncTs === 0) syncTs = time;
    lastTs = time;
    if (type === Ev.Sync) {
      syncTs = time;
      continue;
    }
    if (goTransition(e, i, t)) {
      if (t.from === t.to) continue;
      // Only waits need the reason: looked up for them alone (millions of transitions).
      const reason = t.to === GoState.Waiting ? (trace.strings[transitionReason(e, i)] ?? '') : '';
      const known = goroutines.get(t.goroutine);
      let g = known?.[0];
      let p = known?.[1];
      if (t.from === GoState.Undetermined || t.from === GoState.NotExist || g === undefined || p === undefined) {
        const creation = t.from === GoState.NotExist ? time : syncTs;
        [g, p] = begin(t.goroutine, creation);
        if (t.from === GoState.Undetermined) {
          const dt = time - syncTs;
          if (t.to === GoState.Running) g.exec += dt;
          else if (t.to === GoState.Waiting) addBlocked(g, reason, dt);
          else if (t.to === GoState.Runnable) g.schedWait += dt;
          else if (t.to === GoState.Syscall) {
            if (e.p[i] === NONE) g.syscallBlock += dt;
            else g.syscall += dt;
          }
        }
      } else if (t.from === GoState.Running) {
        g.exec += time - p.running;
        p.running = 0;
      } else if (t.from === GoState.Waiting && p.blockedSince !== 0) {
        addBlocked(g, p.blockReason, time - p.blockedSince);
        p.blockedSince = 0;
      } else if (t.from === GoState.Runnable && p.runnable !== 0) {
        g.schedWait += time - p.runnable;
        p.runnable = 0;
      } else if (t.from === GoState.Syscall && p.syscallSince !== 0) {
        if (p.syscallBlockSince !== 0) {
          g.syscallBlock += time - p.syscallBlockSince;
          g.syscall += p.syscallBlockSince - p.syscallSince;
        } else {
          g.syscall += time - p.syscallSince;
        }
        p.syscallSince = 0;
        p.syscallBlockSince = 0;
        const proc = syscallingG.get(t.goroutine);
        if (proc !== undefined) syscallingP.delete(proc);
        syscallingG.delete(t.goroutine);
      }
      if (g.name === '') {
        const stack = trace.stacks[transitionStack(e, i)]!;
        if (stack.length > 0) {
          g.startFrame = stack[stack.length - 1]!;
          g.name = trace.frames[g.startFrame]!.func;
        }
      }
      if (t.to === GoState.Running) {
        p.running = time;
        if (g.start === 0) g.start = time;
      } else if (t.to === GoState.Runnable) {
        p.runnable = time;
      } else if (t.to === GoState.Waiting && reason !== 'forever') {
        p.blockedSince = time;
        p.blockReason = reason;
      } else if (t.to === GoState.Waiting || t.to === GoState.NotExist) {
        // Blocked for ever is counted as the goroutine's end.
        g.end = time;
        finish(g, p, time);
      } else if (t.to === GoState.Syscall) {
        syscallingP.set(e.p[i]!, t.goroutine);
        syscallingG.set(t.goroutine, e.p[i]!);
        p.syscallSince = time;
      }
      continue;
    }
    if (procTransition(e, i, pt)) {
      if (pt.from !== pt.to && pt.to === ProcStatus.Idle) {
        const id = syscallingP.get(pt.proc);
        if (id !== undefined) {
          goroutines.get(id)![1].syscallBlockSince = time;
          syscallingP.delete(pt.proc);
        }
      }
      continue;
    }
    markAssist(e.type[i]!, i);
  }
  for (const [g, p] of goroutines.values()) finish(g, p, lastTs);
  return [...goroutines.values()].map(([g]) => g);

  /** GC mark assist ranges: begun and ended on the goroutine itself, or active at a generation's start. */
  function markAssist(type: number, i: number): void {
    if (type !== Ev.GCMarkAssistBegin && type !== Ev.GCMarkAssistActive && type !== Ev.GCMarkAssistEnd) return;
    const id = type === Ev.GCMarkAssistActive ? e.a0[i]! : e.g[i]!;
    const [g, p] = goroutines.get(id) ?? [];
    if (g === undefined || p === undefined || p.done) return;
    if (type === Ev.GCMarkAssistActive) {
      if (p.assistSince !== 0) g.gcAssist += syncTs - p.assistSince;
      p.assistSince = syncTs;
    } else if (type === Ev.GCMarkAssistBegin) {
      p.assistSince = e.time[i]!;
    } else if (p.assistSince !== 0) {
      g.gcAssist += e.time[i]! - p.assistSince;
      p.assistSince = 0;
    }
  }
}
