/**
 * What each event means to a reader of the trace: the kinds of Go's trace API (state
 * transitions, ranges, metrics, annotations), and a goroutine state transition's goroutine,
 * states and stack. Pure functions over Trace's columns.
 */
import { Ev, GoState, ProcStatus } from './events';
import type { TraceEvents } from './trace';

export type EventKind =
  | 'Sync'
  | 'StateTransition'
  | 'Metric'
  | 'RangeBegin'
  | 'RangeActive'
  | 'RangeEnd'
  | 'Label'
  | 'TaskBegin'
  | 'TaskEnd'
  | 'RegionBegin'
  | 'RegionEnd'
  | 'Log'
  | 'StackSample'
  | 'Experimental';

export function eventKind(type: number): EventKind {
  if (type >= Ev.FirstExperimental) return 'Experimental';
  switch (type) {
    case Ev.Sync:
      return 'Sync';
    case Ev.CPUSample:
      return 'StackSample';
    case Ev.ProcsChange:
    case Ev.HeapAlloc:
    case Ev.HeapGoal:
      return 'Metric';
    case Ev.STWBegin:
    case Ev.GCBegin:
    case Ev.GCSweepBegin:
    case Ev.GCMarkAssistBegin:
      return 'RangeBegin';
    case Ev.GCActive:
    case Ev.GCSweepActive:
    case Ev.GCMarkAssistActive:
      return 'RangeActive';
    case Ev.STWEnd:
    case Ev.GCEnd:
    case Ev.GCSweepEnd:
    case Ev.GCMarkAssistEnd:
      return 'RangeEnd';
    case Ev.GoLabel:
      return 'Label';
    case Ev.UserTaskBegin:
      return 'TaskBegin';
    case Ev.UserTaskEnd:
      return 'TaskEnd';
    case Ev.UserRegionBegin:
      return 'RegionBegin';
    case Ev.UserRegionEnd:
      return 'RegionEnd';
    case Ev.UserLog:
      return 'Log';
    default:
      return 'StateTransition';
  }
}

/** A goroutine's change of state: which goroutine, from and to (GoState), and the stack it names. */
export interface GoTransition {
  goroutine: number;
  from: number;
  to: number;
}

/** Fills `out` with event i's goroutine transition and returns true, or returns false if it is not one. */
export function goTransition(e: TraceEvents, i: number, out: GoTransition): boolean {
  const type = e.type[i]!;
  // Called for every event of a trace of millions: a table lookup and three stores, no allocation.
  const shape = TRANSITIONS[type];
  if (shape === undefined) return false;
  if (shape === STATUS) {
    out.goroutine = e.a0[i]!;
    out.from = e.a2[i]!;
    out.to = e.a1[i]!;
    return true;
  }
  out.goroutine = shape[0] === 0 ? e.a0[i]! : e.g[i]!;
  out.from = shape[1];
  out.to = shape[2];
  return true;
}

/** [whose (0: argument 0, 1: the event's goroutine), from, to] per goroutine transition type; STATUS for GoStatus. */
const STATUS: readonly [number, number, number] = [0, -1, -1];
const TRANSITIONS: readonly (readonly [number, number, number] | undefined)[] = (() => {
  const { Runnable, Running, Waiting, Syscall, NotExist } = GoState;
  const t: (readonly [number, number, number] | undefined)[] = [];
  t[Ev.GoCreate] = [0, NotExist, Runnable];
  t[Ev.GoCreateBlocked] = [0, NotExist, Waiting];
  t[Ev.GoCreateSyscall] = [0, NotExist, Syscall];
  t[Ev.GoStart] = [0, Runnable, Running];
  t[Ev.GoDestroy] = [1, Running, NotExist];
  t[Ev.GoDestroySyscall] = [1, Syscall, NotExist];
  t[Ev.GoStop] = [1, Running, Runnable];
  t[Ev.GoBlock] = [1, Running, Waiting];
  t[Ev.GoUnblock] = [0, Waiting, Runnable];
  t[Ev.GoSwitch] = [0, Waiting, Runnable];
  t[Ev.GoSwitchDestroy] = [0, Waiting, Runnable];
  t[Ev.GoSyscallBegin] = [1, Running, Syscall];
  t[Ev.GoSyscallEnd] = [1, Syscall, Running];
  t[Ev.GoSyscallEndBlocked] = [1, Syscall, Runnable];
  t[Ev.GoStatus] = STATUS;
  t[Ev.GoStatusStack] = STATUS;
  return t;
})();

/** The reason a GoBlock or GoStop gives (index into Trace.strings), or 0. */
export function transitionReason(e: TraceEvents, i: number): number {
  const t = e.type[i];
  return t === Ev.GoBlock || t === Ev.GoStop ? e.a0[i]! : 0;
}

/**
 * The stack a goroutine transition names (index into Trace.stacks; 0 = none): a new
 * goroutine's start stack for GoCreate, the blocking or stopping goroutine's own stack, or
 * the stack GoStatusStack gives.
 */
export function transitionStack(e: TraceEvents, i: number): number {
  switch (e.type[i]) {
    case Ev.GoCreate:
    case Ev.GoCreateBlocked:
      return e.a1[i]!;
    case Ev.GoStop:
    case Ev.GoBlock:
    case Ev.GoSyscallBegin:
    case Ev.GoStatusStack:
      return e.stack[i]!;
    default:
      return 0;
  }
}

/** A P's change of state (wire ProcStatus values; 0 = unknown): fills `out`, or returns false. */
export function procTransition(e: TraceEvents, i: number, out: { proc: number; from: number; to: number }): boolean {
  const set = (proc: number, from: number, to: number): boolean => {
    out.proc = proc;
    out.from = from;
    out.to = to;
    return true;
  };
  switch (e.type[i]) {
    case Ev.ProcStart:
      return set(e.a0[i]!, ProcStatus.Idle, ProcStatus.Running);
    case Ev.ProcStop:
      return set(e.p[i]!, ProcStatus.Running, ProcStatus.Idle);
    case Ev.ProcSteal:
      return set(e.a0[i]!, ProcStatus.Syscall, ProcStatus.Idle);
    case Ev.ProcStatus:
      return set(e.a0[i]!, e.a3[i]!, e.a1[i]!);
    default:
      return false;
  }
}
