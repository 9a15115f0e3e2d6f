/**
 * Where a long report's lines go: into one string (the editor, tests) or straight into bytes
 * (the CLI's stdout). A big profile's -traces is millions of lines, most of them the same few
 * thousand frame lines: as bytes each is encoded once and copied, and no array of millions of
 * strings is kept alive for the garbage collector to copy (issue 14).
 */
import { rawTextBytes } from './raw-text-bytes';

export interface TextLines<Result> {
  /** A line (no "\n"). */
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

/** The lines as the bytes pprof prints (raw-text-bytes.ts), "\n" after each. */
export class ByteLines implements TextLines<Uint8Array> {
  private buf = new Uint8Array(1 << 16);
  private at = 0;
  /** The repeated lines' bytes, each with its "\n": line k is pool[start[k] .. start[k + 1] - 1]. */
  private readonly pool: Uint8Array;
  private readonly start: Int32Array;

  constructor(lines: readonly string[]) {
    // Encoded in one go; a line holds no "\n" (printable escapes it) and a raw byte is >= 0x80,
    // so the newlines split the bytes back into the lines.
    this.pool = lines.length === 0 ? new Uint8Array(0) : rawTextBytes(lines.join('\n') + '\n');
    this.start = new Int32Array(lines.length + 1);
    for (let p = 0, k = 1; p < this.pool.length; p++) if (this.pool[p] === NEWLINE) this.start[k++] = p + 1;
  }

  line(text: string): void {
    const n = text.length;
    this.reserve(3 * n + 1);
    const { buf } = this;
    let at = this.at;
    // Most lines are ASCII: written unit by unit; anything else through the encoder.
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) {
        const bytes = rawTextBytes(text);
        buf.set(bytes, this.at);
        this.at += bytes.length;
        buf[this.at++] = NEWLINE;
        return;
      }
      buf[at++] = c;
    }
    buf[at++] = NEWLINE;
    this.at = at;
  }

  frameLines(frames: ArrayLike<number>, inlined: ArrayLike<number | boolean>, from: number, to: number): void {
    const { pool, start } = this;
    let { buf, at } = this;
    // Copied byte by byte: most lines are a few dozen bytes, where set() costs more than the copy.
    for (let i = from; i < to; i++) {
      const key = 2 * frames[i]! + (inlined[i] ? 1 : 0);
      const lo = start[key]!;
      const hi = start[key + 1]!;
      if (at + hi - lo > buf.length) {
        this.at = at;
        this.reserve(hi - lo);
        buf = this.buf;
      }
      for (let p = lo; p < hi; p++) buf[at++] = pool[p]!;
    }
    this.at = at;
  }

  finish(): Uint8Array {
    return this.buf.subarray(0, this.at);
  }

  /** Room for `n` more bytes. */
  private reserve(n: number): void {
    const need = this.at + n;
    if (need <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(need, this.buf.length * 2));
    grown.set(this.buf.subarray(0, this.at));
    this.buf = grown;
  }
}
