/** A minimal protobuf reader/writer for building and reshaping hostile profiles. */

/** Varint bytes of a non-negative integer (exact up to 2^53). */
export function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}

export function key(field: number, wireType: number): number[] {
  return varint(field * 8 + wireType);
}

export function intField(field: number, value: number): number[] {
  return [...key(field, 0), ...varint(value)];
}

export function bytesField(field: number, body: ArrayLike<number>): number[] {
  return [...key(field, 2), ...varint(body.length), ...Array.from(body)];
}

export function stringField(field: number, text: string): number[] {
  return bytesField(field, new TextEncoder().encode(text));
}

export function packed(field: number, values: readonly number[]): number[] {
  return bytesField(field, values.flatMap(varint));
}

/** One field of a message: its byte range, number, wire type and (wire type 2) body range. */
export interface Field {
  readonly start: number;
  readonly end: number;
  readonly field: number;
  readonly wireType: number;
  readonly bodyStart: number;
}

/** The fields of `bytes` as far as they parse; `complete` is false when parsing stopped early. */
export function parseFields(bytes: Uint8Array): { fields: Field[]; complete: boolean } {
  const fields: Field[] = [];
  let pos = 0;
  const read = (): number | undefined => {
    let value = 0;
    for (let shift = 0; shift < 64; shift += 7) {
      const b = bytes[pos++];
      if (b === undefined) return undefined;
      value += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return value;
    }
    return undefined;
  };
  while (pos < bytes.length) {
    const start = pos;
    const k = read();
    if (k === undefined || k < 8) return { fields, complete: false };
    const wireType = k % 8;
    const field = Math.floor(k / 8);
    let bodyStart = pos;
    if (wireType === 0) {
      if (read() === undefined) return { fields, complete: false };
    } else if (wireType === 2) {
      const length = read();
      bodyStart = pos;
      if (length === undefined || pos + length > bytes.length) return { fields, complete: false };
      pos += length;
    } else if (wireType === 1) pos += 8;
    else if (wireType === 5) pos += 4;
    else return { fields, complete: false };
    if (pos > bytes.length) return { fields, complete: false };
    fields.push({ start, end: pos, field, wireType, bodyStart });
  }
  return { fields, complete: true };
}

/** The first varint value of field `field` in a message, if any. */
export function varintOf(bytes: Uint8Array, field: number): number | undefined {
  for (const f of parseFields(bytes).fields) {
    if (f.field === field && f.wireType === 0) {
      let value = 0;
      let pos = f.start + key(field, 0).length;
      for (let shift = 0; shift < 53; shift += 7) {
        const b = bytes[pos++]!;
        value += (b & 0x7f) * 2 ** shift;
        if (b < 0x80) return value;
      }
      return value;
    }
  }
  return undefined;
}

export function concat(parts: readonly ArrayLike<number>[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
