/** Counts that describe a trace at a glance (and that tests compare with go tool trace). */
import { Ev } from './events';
import { eventKind, goTransition, type EventKind, type GoTransition } from './kinds';
import type { Trace } from './trace';

export interface TraceCounts {
  readonly events: number;
  readonly byKind: Readonly<Partial<Record<EventKind, number>>>;
  /** Distinct goroutines that change state in the trace. */
  readonly goroutines: number;
  /** GC cycles that began in the trace. */
  readonly gcCycles: number;
  /** Nanoseconds from the first event to the last. */
  readonly durationNs: number;
}

export function traceCounts(trace: Trace): TraceCounts {
  const e = trace.events;
  const byKind: Partial<Record<EventKind, number>> = {};
  const goroutines = new Set<number>();
  const t: GoTransition = { goroutine: 0, from: 0, to: 0 };
  let gcCycles = 0;
  for (let i = 0; i < e.length; i++) {
    const kind = eventKind(e.type[i]!);
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    if (goTransition(e, i, t)) goroutines.add(t.goroutine);
    if (e.type[i] === Ev.GCBegin) gcCycles++;
  }
  const durationNs = e.length > 0 ? e.time[e.length - 1]! - e.time[0]! : 0;
  return { events: e.length, byKind, goroutines: goroutines.size, gcCycles, durationNs };
}
