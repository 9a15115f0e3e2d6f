/**
 * Writing protobuf wire data: the one writer for the profiles this project makes (legacy
 * formats turned into pprof, trace-derived profiles, the capture rewrites). Numbers are
 * exact below 2^53; bigints give exact 64-bit values (addresses). Pure.
 */

/** Appends protobuf wire data to a buffer that grows as needed. */
export class Writer {
  private buf = new Uint8Array(256);
  private length = 0;

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  /** A varint; negative values as 64-bit two's complement (10 bytes). */
  varint(v: number | bigint): void {
    this.room(10);
    if (typeof v === 'bigint' || v < 0) {
      let big = BigInt.asUintN(64, typeof v === 'bigint' ? v : BigInt(Math.round(v)));
      while (big >= 0x80n) {
        this.buf[this.length++] = Number(big & 0x7fn) | 0x80;
        big >>= 7n;
      }
      this.buf[this.length++] = Number(big);
      return;
    }
    while (v >= 0x80) {
      this.buf[this.length++] = (v % 128) | 0x80;
      v = Math.floor(v / 128);
    }
    this.buf[this.length++] = v;
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  lengthDelimited(field: number, payload: Uint8Array): void {
    this.varint(field * 8 + 2);
    this.varint(payload.length);
    this.bytes(payload);
  }

  /** A varint field (wire type 0). */
  uint(field: number, value: number | bigint): void {
    this.varint(field * 8);
    this.varint(value);
  }

  packed(field: number, values: readonly (number | bigint)[]): void {
    const inner = new Writer();
    for (const v of values) inner.varint(v);
    this.lengthDelimited(field, inner.finish());
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}
