/**
 * Where traces-bytes.ts writes `-traces`: one buffer whose head holds every location's block of
 * frame lines and the separator line, the text after them. Every copy is then a copyWithin (a
 * memmove, no view object made per copy) rather than a loop over bytes, which a short run of the
 * CLI spends most of its time on before the loop is optimized (the 20,001-goroutine profile is
 * 1.8 MB of text). Blocks that lie next to each other in the head are copied at once, and the
 * locations a trace begins with that the trace before began with too are copied from that trace
 * in one go (profiles list similar stacks in turn: a goroutine profile's differ at the root).
 */
import type { LocationIndexes } from '../pprof/profile';
import { ByteWriter } from './text-lines';
import { TRACE_SEPARATOR, type ValueColumn } from './traces';

/** Each location's frame lines: location l's are bytes[start[l] .. end[l] - 1], the first line's value column blank. */
export interface LocationBlockBytes {
  readonly bytes: Uint8Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
}

/** pprof's "%10s" value column, which a trace's first line begins with. */
export const VALUE_WIDTH = 10;

const SEPARATOR_LINE = Uint8Array.from(`${TRACE_SEPARATOR}\n`, (c) => c.charCodeAt(0));

export class TraceWriter {
  private readonly out: ByteWriter;
  private readonly start: Int32Array;
  private readonly end: Int32Array;
  private readonly separatorAt: number;
  /** Where the text begins, after the head. */
  private readonly textAt: number;
  /** The last trace written: its locations (in the caller's array) and where its frame lines begin. */
  private lastLo = 0;
  private lastHi = 0;
  private lastAt = 0;
  /** Per value, where a trace's separator and value column were written for it: [start, end). */
  private readonly openings = new Map<number, { readonly from: number; readonly to: number }>();

  /** `expectedBytes`: a guess at the text's size (the buffer doubles when it is short). */
  constructor(blocks: LocationBlockBytes, expectedBytes: number) {
    this.start = blocks.start;
    this.end = blocks.end;
    this.separatorAt = blocks.bytes.length;
    this.textAt = this.separatorAt + SEPARATOR_LINE.length;
    this.out = new ByteWriter(this.textAt + expectedBytes);
    this.out.buf.set(blocks.bytes, 0);
    this.out.buf.set(SEPARATOR_LINE, this.separatorAt);
    this.out.at = this.textAt;
  }

  /** `text` and, with `newline`, "\n" (see ByteWriter.text). */
  text(text: string, newline: boolean): void {
    this.out.text(text, newline);
  }

  /** The line between traces. */
  separator(): void {
    this.out.repeat(this.separatorAt, this.textAt);
  }

  /** The separator and then the value column (of `column`) of a trace without labels: copied from the last trace of the same value. */
  opening(value: number, column: ValueColumn): void {
    const known = this.openings.get(value);
    if (known !== undefined) {
      this.out.repeat(known.from, known.to);
      return;
    }
    const from = this.out.at;
    this.separator();
    this.out.text(column.of(value, undefined), false);
    this.openings.set(value, { from, to: this.out.at });
  }

  /**
   * The frame lines of `locations[lo .. hi - 1]` (lo < hi), the first from its value column on
   * (the value was written just before). `locations` is the same array at every call.
   */
  trace(locations: LocationIndexes, lo: number, hi: number): void {
    const { start, end } = this;
    // The locations this trace begins with that the last one began with too, and their bytes.
    let i = lo;
    let shared = -VALUE_WIDTH;
    for (let j = this.lastLo, last = this.lastHi; i < hi && j < last; i++, j++) {
      const loc = locations[i]!;
      if (loc !== locations[j]) break;
      shared += end[loc]! - start[loc]!;
    }
    const traceAt = this.out.at;
    if (i > lo) this.out.repeat(this.lastAt, this.lastAt + shared);
    // The rest block by block, each run of blocks that follow each other in the head in one copy.
    let from = 0;
    let to = 0;
    for (; i < hi; i++) {
      const loc = locations[i]!;
      const blockStart = i === lo ? start[loc]! + VALUE_WIDTH : start[loc]!;
      if (blockStart !== to) {
        if (to > from) this.out.repeat(from, to);
        from = blockStart;
      }
      to = end[loc]!;
    }
    if (to > from) this.out.repeat(from, to);
    this.lastLo = lo;
    this.lastHi = hi;
    this.lastAt = traceAt;
  }

  /** The text written. */
  finish(): Uint8Array {
    return this.out.buf.subarray(this.textAt, this.out.at);
  }
}
