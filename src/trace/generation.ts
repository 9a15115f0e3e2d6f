/**
 * Splitting a trace into generations and reading each generation's tables: strings, stacks,
 * the clock frequency and CPU samples; the event batches are kept per thread (M), unparsed,
 * for the ordering (order.ts). A generation is the runtime's unit of self-contained data.
 */
import { FormatProblem } from './errors';
import { Ev, SUPPORTED_VERSIONS } from './events';
import { NONE } from './trace';
import { Cursor } from './wire';

/** The most bytes one batch may hold, and the most frames a stack (tracev2's limits). */
const MAX_BATCH_SIZE = 64 << 10;
const MAX_FRAMES = 128;
const MAX_STRING = 1 << 10;

export interface Batch {
  readonly m: number;
  /** Timestamp (ticks) the batch's time deltas start from. */
  readonly time: number;
  /** Where its events are in the file. */
  readonly start: number;
  readonly end: number;
}

export interface FrameInfo {
  readonly funcId: number;
  readonly fileId: number;
  readonly line: number;
}

export interface CpuSample {
  time: number;
  readonly m: number;
  readonly p: number;
  readonly g: number;
  readonly stack: number;
}

export interface Generation {
  readonly gen: number;
  /** The earliest batch timestamp (ticks): the generation's start. */
  minTs: number;
  /** Nanoseconds per tick. */
  freq: number;
  /** Threads in the order their first batch appears, and each thread's batches in file order. */
  readonly batches: Map<number, Batch[]>;
  readonly strings: Map<number, string>;
  /** Stack ID to PCs, innermost first. */
  readonly stacks: Map<number, number[]>;
  /** Each PC's frame, as first described in this generation. */
  readonly frames: Map<number, FrameInfo>;
  readonly cpuSamples: CpuSample[];
}

const HEADER = 'go 1.';

/** The version N of a "go 1.N trace\0\0\0" header, and where the batches start. */
export function readHeader(buf: Uint8Array): { version: number; start: number } {
  const text = new TextDecoder('latin1').decode(buf.subarray(0, 16));
  const match = /^go 1\.(\d+) trace\0\0\0/.exec(text);
  if (!text.startsWith(HEADER) || match === null) throw new FormatProblem('not a Go execution trace (no "go 1.N trace" header)');
  const version = Number(match[1]);
  if (version < 22) {
    throw new FormatProblem(`trace written by Go 1.${version}: only the format of Go 1.22 and later is supported (record it again with a newer Go, or open it with that version's go tool trace)`);
  }
  if (!SUPPORTED_VERSIONS.includes(version)) throw new FormatProblem(`unknown trace version go 1.${version} (this reader knows Go 1.22 to 1.26)`);
  return { version, start: match[0].length };
}

function newGeneration(gen: number): Generation {
  return { gen, minTs: 0, freq: 0, batches: new Map(), strings: new Map(), stacks: new Map(), frames: new Map(), cpuSamples: [] };
}

/** Every generation of the trace, in file order. */
export function readGenerations(buf: Uint8Array, version: number, start: number): Generation[] {
  const out: Generation[] = [];
  let current: Generation | undefined;
  const c = new Cursor(buf, start);
  const finish = (): void => {
    if (current === undefined) return;
    if (current.freq === 0) throw new FormatProblem(`generation ${current.gen} has no clock frequency`);
    out.push(current);
    current = undefined;
  };
  while (!c.done) {
    const at = c.pos;
    const kind = c.byte();
    if (kind === Ev.EndOfGeneration && version >= 26) {
      finish();
      continue;
    }
    if (kind !== Ev.EventBatch && !(kind === Ev.ExperimentalBatch && version >= 23)) {
      throw new FormatProblem(`expected a batch at byte ${at}, found event type ${kind}`);
    }
    const experiment = kind === Ev.ExperimentalBatch ? c.byte() : 0;
    const gen = c.uvarint();
    // The runtime writes "no thread" as the all-ones uint64, which Go reads as -1.
    const wireM = c.uvarint();
    const m = wireM >= 2 ** 63 ? NONE : wireM;
    const time = c.uvarint();
    const size = c.uvarint();
    if (gen === 0) throw new FormatProblem(`batch at byte ${at} has generation 0`);
    if (size > MAX_BATCH_SIZE) throw new FormatProblem(`batch at byte ${at} claims ${size} bytes (at most ${MAX_BATCH_SIZE})`);
    const data = c.bytes(size);
    const dataStart = c.pos - size;
    if (current !== undefined && current.gen !== gen) finish();
    current ??= newGeneration(gen);
    if (current.minTs === 0 || time < current.minTs) current.minTs = time;
    if (experiment !== 0 || size === 0) continue; // Experimental data is not read (yet).
    const batch: Batch = { m, time, start: dataStart, end: dataStart + size };
    readBatch(current, buf, batch, data[0]!, version);
  }
  finish();
  return out;
}

function readBatch(g: Generation, buf: Uint8Array, b: Batch, first: number, version: number): void {
  const c = new Cursor(buf, b.start + 1, b.end);
  if (first === Ev.Strings) readStrings(g, c);
  else if (first === Ev.Stacks) readStacks(g, c);
  else if (first === Ev.CPUSamples) readCpuSamples(g, c);
  else if (first === Ev.Frequency && version < 25) readFrequency(g, c);
  else if (first === Ev.Sync && version >= 25) readSync(g, c);
  else {
    let list = g.batches.get(b.m);
    if (list === undefined) g.batches.set(b.m, (list = []));
    list.push(b);
  }
}

function readFrequency(g: Generation, c: Cursor): void {
  if (g.freq !== 0) throw new FormatProblem(`generation ${g.gen} has two clock frequencies`);
  const ticksPerSecond = c.uvarint();
  if (ticksPerSecond === 0) throw new FormatProblem(`generation ${g.gen} has a clock frequency of 0`);
  // Nanoseconds per tick, computed as Go's reader does so that times agree to the nanosecond.
  g.freq = 1 / (ticksPerSecond / 1e9);
}

function readSync(g: Generation, c: Cursor): void {
  while (!c.done) {
    const type = c.byte();
    if (type === Ev.Frequency) {
      readFrequency(g, c);
    } else if (type === Ev.ClockSnapshot) {
      for (let i = 0; i < 4; i++) c.uvarint(); // time delta, monotonic, wall seconds, nanoseconds
    } else {
      throw new FormatProblem(`expected a frequency or clock snapshot in the sync batch, found event type ${type}`);
    }
  }
}

function readStrings(g: Generation, c: Cursor): void {
  const utf8 = new TextDecoder('utf-8');
  while (!c.done) {
    const type = c.byte();
    if (type !== Ev.String) throw new FormatProblem(`expected a string at byte ${c.pos - 1}, found event type ${type}`);
    const id = c.uvarint();
    const length = c.uvarint();
    if (length > MAX_STRING) throw new FormatProblem(`string ${id} is ${length} bytes long (at most ${MAX_STRING})`);
    if (g.strings.has(id)) throw new FormatProblem(`string ${id} is defined twice in generation ${g.gen}`);
    g.strings.set(id, utf8.decode(c.bytes(length)));
  }
}

function readStacks(g: Generation, c: Cursor): void {
  while (!c.done) {
    const type = c.byte();
    if (type !== Ev.Stack) throw new FormatProblem(`expected a stack at byte ${c.pos - 1}, found event type ${type}`);
    const id = c.uvarint();
    const n = c.uvarint();
    if (n > MAX_FRAMES) throw new FormatProblem(`stack ${id} has ${n} frames (at most ${MAX_FRAMES})`);
    const pcs: number[] = [];
    for (let i = 0; i < n; i++) {
      const pc = c.uvarint();
      const funcId = c.uvarint();
      const fileId = c.uvarint();
      const line = c.uvarint();
      pcs.push(pc);
      if (!g.frames.has(pc)) g.frames.set(pc, { funcId, fileId, line });
    }
    if (g.stacks.has(id)) throw new FormatProblem(`stack ${id} is defined twice in generation ${g.gen}`);
    g.stacks.set(id, pcs);
  }
}

function readCpuSamples(g: Generation, c: Cursor): void {
  while (!c.done) {
    const type = c.byte();
    if (type !== Ev.CPUSample) throw new FormatProblem(`expected a CPU sample at byte ${c.pos - 1}, found event type ${type}`);
    const time = c.uvarint();
    const m = c.uvarint();
    const p = c.uvarint();
    const g0 = c.uvarint();
    const stack = c.uvarint();
    g.cpuSamples.push({ time, m, p, g: g0, stack });
  }
}
