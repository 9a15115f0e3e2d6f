import { FormatProblem } from './errors';

/**
 * A bounds-checked cursor over trace bytes: unsigned varints (exact below 2^53, which covers
 * every ID, timestamp and count the runtime writes) and raw byte runs.
 */
export class Cursor {
  pos: number;
  constructor(
    readonly buf: Uint8Array,
    from = 0,
    /** Where reading must stop (a batch's end). */
    readonly end = buf.length,
  ) {
    this.pos = from;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  byte(): number {
    if (this.pos >= this.end) throw new FormatProblem(`truncated data at byte ${this.pos}`);
    return this.buf[this.pos++]!;
  }

  uvarint(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new FormatProblem(`truncated varint at byte ${this.pos}`);
      const b = this.buf[this.pos++]!;
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 128;
    }
    throw new FormatProblem(`varint longer than 10 bytes at byte ${this.pos}`);
  }

  bytes(n: number): Uint8Array {
    if (n > this.end - this.pos) throw new FormatProblem(`${n} bytes of data run past the end at byte ${this.pos}`);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}
