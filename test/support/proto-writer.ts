/**
 * A tiny protobuf writer for hand-made test inputs that protobufjs will not produce:
 * unpacked repeated fields, unknown fields, wrong wire types, bad lengths.
 */
export class ProtoWriter {
  private readonly out: number[] = [];

  /** A raw varint; negative numbers are written as 64-bit two's complement, like int64. */
  varint(value: number | bigint): this {
    let v = BigInt.asUintN(64, BigInt(value));
    while (v >= 0x80n) {
      this.out.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.out.push(Number(v));
    return this;
  }

  key(field: number, wireType: number): this {
    return this.varint(field * 8 + wireType);
  }

  /** A varint field. */
  int(field: number, value: number | bigint): this {
    return this.key(field, 0).varint(value);
  }

  /** A length-delimited field holding `bytes`. */
  bytes(field: number, bytes: Uint8Array | readonly number[]): this {
    this.key(field, 2).varint(bytes.length);
    for (const b of bytes) this.out.push(b);
    return this;
  }

  string(field: number, text: string): this {
    return this.bytes(field, new TextEncoder().encode(text));
  }

  message(field: number, build: (w: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    build(inner);
    return this.bytes(field, inner.finish());
  }

  /** A packed repeated varint field. */
  packed(field: number, values: readonly (number | bigint)[]): this {
    const inner = new ProtoWriter();
    for (const v of values) inner.varint(v);
    return this.bytes(field, inner.finish());
  }

  /** Bytes as they are, e.g. a deliberately broken tail. */
  raw(bytes: readonly number[]): this {
    this.out.push(...bytes);
    return this;
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.out);
  }
}

/**
 * A small valid profile: strings ["", "samples", "count", "main.f", "f.go", "key", "value"],
 * one sample type (samples/count), one function (id 1), one location (id 1), one sample.
 * `extra` may add or override fields.
 */
export function minimalProfile(extra: (w: ProtoWriter) => void = () => {}): Uint8Array {
  const w = new ProtoWriter();
  for (const s of ['', 'samples', 'count', 'main.f', 'f.go', 'key', 'value']) w.string(6, s);
  w.message(1, (t) => t.int(1, 1).int(2, 2));
  w.message(5, (f) => f.int(1, 1).int(2, 3).int(3, 3).int(4, 4).int(5, 10));
  w.message(4, (l) => l.int(1, 1).int(3, 0x1000).message(4, (line) => line.int(1, 1).int(2, 12)));
  w.message(2, (s) => s.packed(1, [1]).packed(2, [5]));
  extra(w);
  return w.finish();
}
