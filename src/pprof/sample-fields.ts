import * as growable from './growable';
import * as wireFormat from './wire';

// Local aliases: see decode-samples.ts.
const { keyAt, lengthAt, wire } = wireFormat;
const { grown } = growable;

/** Every MARK_EVERY-th sample's field start is kept, so a reader can start at any sample quickly. */
const MARK_SHIFT = 10;

/**
 * Where the `sample` fields of a Profile message lie, without a range per sample: the runs of
 * back-to-back sample fields (an encoder writes them all in one run), the first sample of each
 * run, and where every 1024th sample's field starts. A reader re-reads each field's key and
 * length (in the bytes it reads next anyway) instead of loading two positions per sample: on a
 * profile of millions of samples that saves writing and reading a table of 8 bytes per sample
 * (25 MB for 3 million samples).
 *
 * Only fields scanProfile has checked are added, so re-reading their key and length cannot fail.
 */
export class SampleFields {
  count = 0;
  /** Bytes of the samples' contents, keys and lengths excluded. */
  bytes = 0;
  private runCount = 0;
  private runStarts = new Uint32Array(4);
  private runEnds = new Uint32Array(4);
  private runFirsts = new Uint32Array(4);
  private marks = new Uint32Array(16);

  /** Adds the sample field whose key is at `field`, contents at [start, end). */
  add(field: number, start: number, end: number): void {
    const n = this.count;
    if ((n & ((1 << MARK_SHIFT) - 1)) === 0) {
      const m = n >>> MARK_SHIFT;
      if (m === this.marks.length) this.marks = grown(this.marks, m + 1);
      this.marks[m] = field;
    }
    const last = this.runCount - 1;
    if (last >= 0 && this.runEnds[last] === field) this.runEnds[last] = end;
    else this.addRun(field, end, n);
    this.count = n + 1;
    this.bytes += end - start;
  }

  /** A reader's cursor: the next field's key is at `at`; at `runEnd`, nextRun moves it on. */
  at = 0;
  runEnd = 0;
  private run = 0;

  /** Moves the cursor to the field of sample `s` (< count) in `buf`, the buffer the fields are in. */
  seek(buf: Uint8Array, s: number): void {
    const marked = (s >>> MARK_SHIFT) << MARK_SHIFT;
    let run = this.runCount - 1;
    while (this.runFirsts[run]! > marked) run--;
    this.run = run;
    this.at = this.marks[s >>> MARK_SHIFT]!;
    this.runEnd = this.runEnds[run]!;
    for (let i = marked; i < s; i++) {
      if (this.at === this.runEnd) this.nextRun();
      contentStart(buf, this.at);
      this.at = contentEnd.value;
    }
  }

  /** Moves the cursor to the first field of the next run. */
  nextRun(): void {
    const run = ++this.run;
    this.at = this.runStarts[run]!;
    this.runEnd = this.runEnds[run]!;
  }

  private addRun(field: number, end: number, first: number): void {
    const r = this.runCount;
    if (r === this.runStarts.length) {
      this.runStarts = grown(this.runStarts, r + 1);
      this.runEnds = grown(this.runEnds, r + 1);
      this.runFirsts = grown(this.runFirsts, r + 1);
    }
    this.runStarts[r] = field;
    this.runEnds[r] = end;
    this.runFirsts[r] = first;
    this.runCount = r + 1;
  }
}

/** Where contentStart's field ends. */
export const contentEnd = { value: 0 };

/** The start of the contents of the (checked) sample field whose key is at `field`; sets contentEnd. */
export function contentStart(buf: Uint8Array, field: number): number {
  keyAt(buf, field, buf.length);
  const length = lengthAt(buf, wire.next, buf.length);
  contentEnd.value = wire.next + length;
  return wire.next;
}
