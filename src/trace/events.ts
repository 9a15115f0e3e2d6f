/**
 * The wire event types of Go's execution trace (format v2, Go 1.22 and later), their
 * arguments, and which arguments are stacks or strings. Written from the format's
 * description in the Go sources (internal/trace/tracev2); the numbers are the wire values.
 */

export const Ev = {
  EventBatch: 1,
  Stacks: 2,
  Stack: 3,
  Strings: 4,
  String: 5,
  CPUSamples: 6,
  CPUSample: 7,
  Frequency: 8,
  ProcsChange: 9,
  ProcStart: 10,
  ProcStop: 11,
  ProcSteal: 12,
  ProcStatus: 13,
  GoCreate: 14,
  GoCreateSyscall: 15,
  GoStart: 16,
  GoDestroy: 17,
  GoDestroySyscall: 18,
  GoStop: 19,
  GoBlock: 20,
  GoUnblock: 21,
  GoSyscallBegin: 22,
  GoSyscallEnd: 23,
  GoSyscallEndBlocked: 24,
  GoStatus: 25,
  STWBegin: 26,
  STWEnd: 27,
  GCActive: 28,
  GCBegin: 29,
  GCEnd: 30,
  GCSweepActive: 31,
  GCSweepBegin: 32,
  GCSweepEnd: 33,
  GCMarkAssistActive: 34,
  GCMarkAssistBegin: 35,
  GCMarkAssistEnd: 36,
  HeapAlloc: 37,
  HeapGoal: 38,
  GoLabel: 39,
  UserTaskBegin: 40,
  UserTaskEnd: 41,
  UserRegionBegin: 42,
  UserRegionEnd: 43,
  UserLog: 44,
  GoSwitch: 45,
  GoSwitchDestroy: 46,
  GoCreateBlocked: 47,
  GoStatusStack: 48,
  ExperimentalBatch: 49,
  Sync: 50,
  ClockSnapshot: 51,
  EndOfGeneration: 52,
  /** Experimental (alloc/free) events run from 128 to 136; they carry only plain arguments. */
  FirstExperimental: 128,
  LastExperimental: 136,
} as const;

/** Go versions whose trace format this reader knows (the "go 1.N trace" header). */
export const SUPPORTED_VERSIONS: readonly number[] = [22, 23, 25, 26];

/** The highest wire event type each version may use (later ones are new in later versions). */
export function lastEventType(version: number): number {
  if (version === 22) return Ev.UserLog;
  if (version === 23) return Ev.ExperimentalBatch;
  if (version === 25) return Ev.ClockSnapshot;
  return Ev.EndOfGeneration;
}

interface TimedSpec {
  readonly name: string;
  /** Number of arguments after the timestamp delta. */
  readonly args: number;
  /** Index (after the timestamp) of the stack of the event's own context, or -1. */
  readonly stack: number;
}

const timed: Readonly<Record<number, TimedSpec>> = {
  [Ev.ProcsChange]: { name: 'ProcsChange', args: 2, stack: 1 },
  [Ev.ProcStart]: { name: 'ProcStart', args: 2, stack: -1 },
  [Ev.ProcStop]: { name: 'ProcStop', args: 0, stack: -1 },
  [Ev.ProcSteal]: { name: 'ProcSteal', args: 3, stack: -1 },
  [Ev.ProcStatus]: { name: 'ProcStatus', args: 2, stack: -1 },
  [Ev.GoCreate]: { name: 'GoCreate', args: 3, stack: 2 },
  [Ev.GoCreateSyscall]: { name: 'GoCreateSyscall', args: 1, stack: -1 },
  [Ev.GoStart]: { name: 'GoStart', args: 2, stack: -1 },
  [Ev.GoDestroy]: { name: 'GoDestroy', args: 0, stack: -1 },
  [Ev.GoDestroySyscall]: { name: 'GoDestroySyscall', args: 0, stack: -1 },
  [Ev.GoStop]: { name: 'GoStop', args: 2, stack: 1 },
  [Ev.GoBlock]: { name: 'GoBlock', args: 2, stack: 1 },
  [Ev.GoUnblock]: { name: 'GoUnblock', args: 3, stack: 2 },
  [Ev.GoSyscallBegin]: { name: 'GoSyscallBegin', args: 2, stack: 1 },
  [Ev.GoSyscallEnd]: { name: 'GoSyscallEnd', args: 0, stack: -1 },
  [Ev.GoSyscallEndBlocked]: { name: 'GoSyscallEndBlocked', args: 0, stack: -1 },
  [Ev.GoStatus]: { name: 'GoStatus', args: 3, stack: -1 },
  [Ev.STWBegin]: { name: 'STWBegin', args: 2, stack: 1 },
  [Ev.STWEnd]: { name: 'STWEnd', args: 0, stack: -1 },
  [Ev.GCActive]: { name: 'GCActive', args: 1, stack: -1 },
  [Ev.GCBegin]: { name: 'GCBegin', args: 2, stack: 1 },
  [Ev.GCEnd]: { name: 'GCEnd', args: 1, stack: -1 },
  [Ev.GCSweepActive]: { name: 'GCSweepActive', args: 1, stack: -1 },
  [Ev.GCSweepBegin]: { name: 'GCSweepBegin', args: 1, stack: 0 },
  [Ev.GCSweepEnd]: { name: 'GCSweepEnd', args: 2, stack: -1 },
  [Ev.GCMarkAssistActive]: { name: 'GCMarkAssistActive', args: 1, stack: -1 },
  [Ev.GCMarkAssistBegin]: { name: 'GCMarkAssistBegin', args: 1, stack: 0 },
  [Ev.GCMarkAssistEnd]: { name: 'GCMarkAssistEnd', args: 0, stack: -1 },
  [Ev.HeapAlloc]: { name: 'HeapAlloc', args: 1, stack: -1 },
  [Ev.HeapGoal]: { name: 'HeapGoal', args: 1, stack: -1 },
  [Ev.GoLabel]: { name: 'GoLabel', args: 1, stack: -1 },
  [Ev.UserTaskBegin]: { name: 'UserTaskBegin', args: 4, stack: 3 },
  [Ev.UserTaskEnd]: { name: 'UserTaskEnd', args: 2, stack: 1 },
  [Ev.UserRegionBegin]: { name: 'UserRegionBegin', args: 3, stack: 2 },
  [Ev.UserRegionEnd]: { name: 'UserRegionEnd', args: 3, stack: 2 },
  [Ev.UserLog]: { name: 'UserLog', args: 4, stack: 3 },
  [Ev.GoSwitch]: { name: 'GoSwitch', args: 2, stack: -1 },
  [Ev.GoSwitchDestroy]: { name: 'GoSwitchDestroy', args: 2, stack: -1 },
  [Ev.GoCreateBlocked]: { name: 'GoCreateBlocked', args: 3, stack: 2 },
  [Ev.GoStatusStack]: { name: 'GoStatusStack', args: 4, stack: 3 },
  [Ev.ClockSnapshot]: { name: 'ClockSnapshot', args: 3, stack: -1 },
  // Experimental alloc/free events (Go 1.23+, GOEXPERIMENT=allocheapprofile style tracing).
  128: { name: 'Span', args: 3, stack: -1 },
  129: { name: 'SpanAlloc', args: 3, stack: -1 },
  130: { name: 'SpanFree', args: 1, stack: -1 },
  131: { name: 'HeapObject', args: 2, stack: -1 },
  132: { name: 'HeapObjectAlloc', args: 2, stack: -1 },
  133: { name: 'HeapObjectFree', args: 1, stack: -1 },
  134: { name: 'GoroutineStack', args: 2, stack: -1 },
  135: { name: 'GoroutineStackAlloc', args: 2, stack: -1 },
  136: { name: 'GoroutineStackFree', args: 1, stack: -1 },
};

/** The spec of a timed event type valid in `version`, or undefined. */
export function timedSpec(type: number, version: number): TimedSpec | undefined {
  if (type >= Ev.FirstExperimental) return version >= 23 ? timed[type] : undefined;
  return type <= lastEventType(version) ? timed[type] : undefined;
}

export function eventName(type: number): string {
  return timed[type]?.name ?? `event type ${type}`;
}

/** String arguments (indexes after the timestamp) of each event type. */
export const STRING_ARGS: Readonly<Record<number, readonly number[]>> = {
  [Ev.GoStop]: [0],
  [Ev.GoBlock]: [0],
  [Ev.STWBegin]: [0],
  [Ev.GoLabel]: [0],
  [Ev.UserTaskBegin]: [2],
  [Ev.UserRegionBegin]: [1],
  [Ev.UserRegionEnd]: [1],
  [Ev.UserLog]: [1, 2],
};
/** Stack arguments besides the one of the event's own context. */
export const EXTRA_STACK_ARGS: Readonly<Record<number, readonly number[]>> = {
  [Ev.GoCreate]: [1],
  [Ev.GoCreateBlocked]: [1],
};

/** Goroutine states as the trace reader reports them (numbers of Go's trace.GoState). */
export const GoState = { Undetermined: 0, NotExist: 1, Runnable: 2, Running: 3, Waiting: 4, Syscall: 5 } as const;
export const GO_STATE_NAMES = ['Undetermined', 'NotExist', 'Runnable', 'Running', 'Waiting', 'Syscall'] as const;

/** Wire goroutine status (tracev2.GoStatus) to the reported state. */
export const WIRE_GO_STATUS: readonly number[] = [-1, GoState.Runnable, GoState.Running, GoState.Syscall, GoState.Waiting];

/** Wire P statuses (tracev2.ProcStatus). */
export const ProcStatus = { Running: 1, Idle: 2, Syscall: 3, SyscallAbandoned: 4 } as const;
