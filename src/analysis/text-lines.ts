/**
 * Where a long report's lines go: into one string (the editor, tests) or straight into bytes
 * (the CLI's stdout). A big profile's -traces is millions of lines, most of them the same few
 * thousand frame lines: as bytes each is encoded once and copied, and no array of millions of
 * strings is kept alive for the garbage collector to copy (issue 14).
 */
import { rawTextBytes } from './raw-text-bytes';

export interface TextLines<Result> {
  /** A line (no "\n" of its own but in a profile's string written as it is, printable.ts). */
  line(text: string): void;
  /**
   * The repeated lines (given at creation) of frames `frames[from .. to - 1]`: line 2f for frame
   * f, 2f + 1 when `inlined` says it was inlined. One call per run, so the hot loop is one loop.
   */
  frameLines(frames: ArrayLike<number>, inlined: ArrayLike<number | boolean>, from: number, to: number): void;
  /** All the lines, each ended by "\n". */
  finish(): Result;
}

export class StringLines implements TextLines<string> {
  private readonly out: string[] = [];
  constructor(private readonly lines: readonly string[]) {}
  line(text: string): void {
    this.out.push(text);
  }
  frameLines(frames: ArrayLike<number>, inlined: ArrayLike<number | boolean>, from: number, to: number): void {
    const { out, lines } = this;
    for (let i = from; i < to; i++) out.push(lines[2 * frames[i]! + (inlined[i] ? 1 : 0)]!);
  }
  finish(): string {
    return this.out.length === 0 ? '' : this.out.join('\n') + '\n';
  }
}

const NEWLINE = 0x0a;

/**
 * A growing buffer of the bytes pprof prints: text written unit by unit while it is ASCII (most
 * of a report), else through the raw-bytes encoder; runs of bytes encoded already copied in.
 */
export class ByteWriter {
  buf: Uint8Array;
  at = 0;

  /** `size`: the first buffer's bytes (a good guess saves copies of a big report as it grows). */
  constructor(size = 1 << 16) {
    this.buf = new Uint8Array(Math.max(size, 16));
  }

  /** `text` and, with `newline`, "\n". */
  text(text: string, newline: boolean): void {
    const n = text.length;
    this.reserve(3 * n + 1);
    const { buf } = this;
    let at = this.at;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) {
        const bytes = rawTextBytes(text);
        buf.set(bytes, this.at);
        at = this.at + bytes.length;
        break;
      }
      buf[at++] = c;
    }
    if (newline) buf[at++] = NEWLINE;
    this.at = at;
  }

  /** Bytes `from[lo .. hi - 1]`, copied one by one: most runs are a few dozen bytes, where set() costs more than the copy. */
  copy(from: Uint8Array, lo: number, hi: number): void {
    if (this.at + hi - lo > this.buf.length) this.reserve(hi - lo);
    const { buf } = this;
    let at = this.at;
    for (let p = lo; p < hi; p++) buf[at++] = from[p]!;
    this.at = at;
  }

  /** Bytes `from .. to - 1` of this buffer's own text, appended (one memmove). */
  repeat(from: number, to: number): void {
    const at = this.at;
    if (at + to - from > this.buf.length) this.reserve(to - from);
    this.buf.copyWithin(at, from, to);
    this.at = at + to - from;
  }

  finish(): Uint8Array {
    return this.buf.subarray(0, this.at);
  }

  /** Room for `n` more bytes. */
  reserve(n: number): void {
    const need = this.at + n;
    if (need <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(need, this.buf.length * 2));
    grown.set(this.buf.subarray(0, this.at));
    this.buf = grown;
  }
}

/** `lines` encoded in one go, each with its "\n": line k is bytes[start[k] .. start[k + 1] - 1]. */
export function encodeLines(lines: readonly string[]): { bytes: Uint8Array; start: Int32Array } {
  const bytes = lines.length === 0 ? new Uint8Array(0) : rawTextBytes(lines.join('\n') + '\n');
  const start = new Int32Array(lines.length + 1);
  if (lines.some((line) => line.includes('\n'))) {
    // A profile's string written as it is (printable.ts, into a pipe) may hold "\n": each line's
    // bytes are counted (the "\n" between lines keeps its neighbours' raw bytes apart, so they
    // encode alike alone and joined).
    for (let k = 0; k < lines.length; k++) start[k + 1] = start[k]! + rawTextBytes(lines[k]!).length + 1;
    return { bytes, start };
  }
  // No line holds "\n" and a raw byte is >= 0x80, so the newlines split the bytes back into the lines.
  for (let p = 0, k = 1; p < bytes.length; p++) if (bytes[p] === NEWLINE) start[k++] = p + 1;
  return { bytes, start };
}

/** The lines as the bytes pprof prints (raw-text-bytes.ts), "\n" after each. */
export class ByteLines implements TextLines<Uint8Array> {
  private readonly out = new ByteWriter();
  /** The repeated lines' bytes (encodeLines). */
  private readonly pool: Uint8Array;
  private readonly start: Int32Array;

  constructor(lines: readonly string[]) {
    ({ bytes: this.pool, start: this.start } = encodeLines(lines));
  }

  line(text: string): void {
    this.out.text(text, true);
  }

  frameLines(frames: ArrayLike<number>, inlined: ArrayLike<number | boolean>, from: number, to: number): void {
    const { pool, start, out } = this;
    for (let i = from; i < to; i++) {
      const key = 2 * frames[i]! + (inlined[i] ? 1 : 0);
      out.copy(pool, start[key]!, start[key + 1]!);
    }
  }

  finish(): Uint8Array {
    return this.out.finish();
  }
}
