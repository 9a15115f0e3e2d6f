/**
 * The Trace: every event of a Go execution trace in the order Go's own reader gives them,
 * in columns (typed arrays: a million events are a few tens of MB, no object per event),
 * with one string table and one stack table for the whole trace.
 */

/** "No goroutine / P / thread" in the m, p and g columns. */
export const NONE = -1;

/** One stack frame. */
export interface TraceFrame {
  readonly pc: number;
  readonly func: string;
  readonly file: string;
  readonly line: number;
}

export interface TraceEvents {
  readonly length: number;
  /** Wire event type (events.ts Ev), including the Sync events the reader adds per generation. */
  readonly type: Uint8Array;
  /** Nanoseconds, strictly increasing as in Go's reader. */
  readonly time: Float64Array;
  readonly m: Float64Array;
  readonly p: Float64Array;
  readonly g: Float64Array;
  /**
   * The arguments after the timestamp, a0..a3; string arguments are indexes into
   * Trace.strings and stack arguments indexes into Trace.stacks. GoStatus and GoStatusStack
   * are rewritten as [goroutine, state now, state before, stack] (events.ts GoState);
   * ProcStatus/ProcSteal's a3 is the P's wire status before (0: unknown).
   */
  readonly a0: Float64Array;
  readonly a1: Float64Array;
  readonly a2: Float64Array;
  readonly a3: Float64Array;
  /** The stack of the event's own context (index into Trace.stacks; 0 = none). */
  readonly stack: Int32Array;
}

export interface Trace {
  /** N of the "go 1.N trace" header. */
  readonly version: number;
  readonly generations: number;
  readonly events: TraceEvents;
  /** Index 0 is "". */
  readonly strings: readonly string[];
  readonly frames: readonly TraceFrame[];
  /** Frame indexes, innermost first; index 0 is the empty stack. */
  readonly stacks: readonly (readonly number[])[];
}

/**
 * Appends events column by column, growing by doubling. `expected` sizes the columns up front
 * (readTrace guesses from the file's size): each doubling of a multi-million-event trace
 * allocates and copies every column, which was a fifth of the reader's time.
 */
export class EventColumns {
  length = 0;
  private capacity: number;
  type: Uint8Array;
  time: Float64Array;
  m: Float64Array;
  p: Float64Array;
  g: Float64Array;
  a0: Float64Array;
  a1: Float64Array;
  a2: Float64Array;
  a3: Float64Array;
  stack: Int32Array;

  constructor(expected = 1024) {
    const n = (this.capacity = Math.max(1024, Math.ceil(expected)));
    this.type = new Uint8Array(n);
    this.time = new Float64Array(n);
    this.m = new Float64Array(n);
    this.p = new Float64Array(n);
    this.g = new Float64Array(n);
    this.a0 = new Float64Array(n);
    this.a1 = new Float64Array(n);
    this.a2 = new Float64Array(n);
    this.a3 = new Float64Array(n);
    this.stack = new Int32Array(n);
  }

  push(type: number, time: number, m: number, p: number, g: number, args: readonly number[], stack: number): void {
    if (this.length === this.capacity) this.grow();
    const i = this.length++;
    this.type[i] = type;
    this.time[i] = time;
    this.m[i] = m;
    this.p[i] = p;
    this.g[i] = g;
    this.a0[i] = args[0] ?? 0;
    this.a1[i] = args[1] ?? 0;
    this.a2[i] = args[2] ?? 0;
    this.a3[i] = args[3] ?? 0;
    this.stack[i] = stack;
  }

  private grow(): void {
    this.capacity *= 2;
    const f = (a: Float64Array): Float64Array => {
      const b = new Float64Array(this.capacity);
      b.set(a);
      return b;
    };
    const t = new Uint8Array(this.capacity);
    t.set(this.type);
    this.type = t;
    const s = new Int32Array(this.capacity);
    s.set(this.stack);
    this.stack = s;
    this.time = f(this.time);
    this.m = f(this.m);
    this.p = f(this.p);
    this.g = f(this.g);
    this.a0 = f(this.a0);
    this.a1 = f(this.a1);
    this.a2 = f(this.a2);
    this.a3 = f(this.a3);
  }

  /**
   * The columns trimmed to the events pushed: views when at least half the room is used, else
   * copies. Copying hundreds of MB costs more than the room kept, and the room never written
   * costs little memory (fresh zeroed pages are only mapped when touched). The half matters: the
   * 31 MB bench trace (5.4 bytes an event) fills 74% of the first guess and was copied whole,
   * ~200 ms, with the old three quarters.
   */
  finish(): TraceEvents {
    const n = this.length;
    const view = n >= this.capacity * 0.5;
    const trim = <T extends Uint8Array | Int32Array | Float64Array>(a: T): T => (view ? a.subarray(0, n) : a.slice(0, n)) as T;
    return {
      length: n,
      type: trim(this.type),
      time: trim(this.time),
      m: trim(this.m),
      p: trim(this.p),
      g: trim(this.g),
      a0: trim(this.a0),
      a1: trim(this.a1),
      a2: trim(this.a2),
      a3: trim(this.a3),
      stack: trim(this.stack),
    };
  }
}
