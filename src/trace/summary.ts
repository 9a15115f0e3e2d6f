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
  const perType = new Array<number>(256).fill(0);
  const goroutines = new Set<number>();
  const t: GoTransition = { goroutine: 0, from: 0, to: 0 };
  for (let i = 0; i < e.length; i++) {
    perType[e.type[i]!]!++;
    if (goTransition(e, i, t)) goroutines.add(t.goroutine);
  }
  const byKind: Partial<Record<EventKind, number>> = {};
  perType.forEach((n, type) => {
    if (n > 0) byKind[eventKind(type)] = (byKind[eventKind(type)] ?? 0) + n;
  });
  const gcCycles = perType[Ev.GCBegin]!;
  const durationNs = e.length > 0 ? e.time[e.length - 1]! - e.time[0]! : 0;
  return { events: e.length, byKind, goroutines: goroutines.size, gcCycles, durationNs };
}
