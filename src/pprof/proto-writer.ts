/**
 * Just enough of the protobuf wire format to write a pprof profile: varints (from bigint, so
 * 64-bit addresses stay exact), length-delimited fields and packed repeated varints. Used to
 * turn a legacy format into the protobuf the one decoder reads.
 */
export class ProtoWriter {
  private readonly bytes: number[] = [];

  varintField(field: number, value: bigint | number): this {
    if (value === 0 || value === 0n) return this; // proto3 default: not written
    this.varint(field << 3);
    return this.varint(value);
  }

  bytesField(field: number, payload: Uint8Array | readonly number[]): this {
    this.varint((field << 3) | 2);
    this.varint(payload.length);
    for (const b of payload) this.bytes.push(b);
    return this;
  }

  stringField(field: number, text: string): this {
    return this.bytesField(field, new TextEncoder().encode(text));
  }

  /** A field always written, even when empty (string table entries). */
  messageField(field: number, message: ProtoWriter): this {
    return this.bytesField(field, message.bytes);
  }

  packedField(field: number, values: readonly (bigint | number)[]): this {
    if (values.length === 0) return this;
    const inner = new ProtoWriter();
    for (const v of values) inner.varint(v);
    return this.bytesField(field, inner.bytes);
  }

  /** Appends what `other` holds, fields as they are. */
  raw(other: ProtoWriter): this {
    for (const b of other.bytes) this.bytes.push(b);
    return this;
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }

  private varint(value: bigint | number): this {
    // Negative values are written as their 64-bit two's complement, as protobuf does.
    let v = BigInt.asUintN(64, BigInt(value));
    while (v >= 0x80n) {
      this.bytes.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.bytes.push(Number(v));
    return this;
  }
}
