/**
 * Trace-derived profiles, as go tool trace -pprof=TYPE computes them: for every goroutine
 * state the profile is about (network wait, synchronization wait, syscall, runnable), the
 * time from entering it to leaving it, counted against the stack of the event that entered
 * it, clipped to the goroutine's life from its first run to its end, as that tool does.
 */
import { GoState } from './events';
import { goTransition, transitionReason, type GoTransition } from './kinds';
import type { Trace } from './trace';

export const TRACE_PROFILE_TYPES = ['net', 'sync', 'syscall', 'sched'] as const;
export type TraceProfileType = (typeof TRACE_PROFILE_TYPES)[number];

export const TRACE_PROFILE_TITLES: Readonly<Record<TraceProfileType, string>> = {
  net: 'network blocking',
  sync: 'synchronization blocking',
  syscall: 'syscall',
  sched: 'scheduler latency',
};

export interface TraceProfileRecord {
  /** Index into Trace.stacks (0: no stack). */
  readonly stack: number;
  readonly count: number;
  readonly delayNs: number;
}

/** Block reasons counted as synchronization (channels, select, sync primitives), as go tool trace's sync profile counts them. */
export function syncReason(reason: string): boolean {
  return reason.includes('chan') || reason.includes('sync') || reason.includes('select');
}

function tracks(type: TraceProfileType, to: number, reason: string): boolean {
  switch (type) {
    case 'net':
      return to === GoState.Waiting && reason === 'network';
    case 'sync':
      return to === GoState.Waiting && syncReason(reason);
    case 'syscall':
      return to === GoState.Syscall;
    case 'sched':
      return to === GoState.Runnable;
  }
}

const stateOf: Readonly<Record<TraceProfileType, number>> = {
  net: GoState.Waiting,
  sync: GoState.Waiting,
  syscall: GoState.Syscall,
  sched: GoState.Runnable,
};

/** Each goroutine's life as go tool trace bounds these profiles: first run (0: never ran) to end (or the trace's end). */
function lifetimes(trace: Trace): Map<number, { start: number; end: number }> {
  const e = trace.events;
  const traceEnd = e.length > 0 ? e.time[e.length - 1]! : 0;
  const lives = new Map<number, { start: number; end: number }>();
  const t: GoTransition = { goroutine: 0, from: 0, to: 0 };
  for (let i = 0; i < e.length; i++) {
    if (!goTransition(e, i, t) || t.from === t.to) continue;
    let life = lives.get(t.goroutine);
    if (life === undefined) lives.set(t.goroutine, (life = { start: 0, end: traceEnd }));
    if (t.to === GoState.Running && life.start === 0) life.start = e.time[i]!;
    if (t.to === GoState.NotExist) life.end = e.time[i]!;
  }
  return lives;
}

/** The records of one trace-derived profile, one per distinct stack. */
export function traceProfile(trace: Trace, type: TraceProfileType): TraceProfileRecord[] {
  const e = trace.events;
  const lives = lifetimes(trace);
  const state = stateOf[type];
  const entered = new Map<number, number>();
  const byStack = new Map<number, { count: number; delayNs: number }>();
  const t: GoTransition = { goroutine: 0, from: 0, to: 0 };
  for (let i = 0; i < e.length; i++) {
    if (!goTransition(e, i, t)) continue;
    const start = entered.get(t.goroutine);
    if (start === undefined) {
      if (tracks(type, t.to, trace.strings[transitionReason(e, i)]!)) entered.set(t.goroutine, i);
      continue;
    }
    if (t.to === state) continue;
    entered.delete(t.goroutine);
    const life = lives.get(t.goroutine);
    if (life === undefined) continue;
    const from = e.time[start]!;
    const to = e.time[i]!;
    if (life.end < from || to < life.start) continue;
    const overlap = Math.min(life.end, to) - Math.max(life.start, from);
    if (overlap <= 0) continue;
    const stack = e.stack[start]!;
    let rec = byStack.get(stack);
    if (rec === undefined) byStack.set(stack, (rec = { count: 0, delayNs: 0 }));
    rec.count++;
    rec.delayNs += overlap;
  }
  return [...byStack].map(([stack, r]) => ({ stack, count: r.count, delayNs: r.delayNs }));
}
