/**
 * Reading profile.proto's wire format directly, for the rewrites that must pass everything
 * they do not change through untouched (profile-delta.ts, strip-agent.ts); they write with
 * src/pprof/proto-writer.ts. Varints are exact below 2^53. Pure.
 */

export interface Field {
  readonly number: number;
  readonly wireType: number;
  /** Varint value for wire type 0 (exact below 2^53). */
  readonly value: number;
  /** Payload for wire type 2; the whole raw field (tag included) in `raw`. */
  readonly start: number;
  readonly end: number;
  readonly rawStart: number;
}

/** Where the varint last read by varintAt ended (a tuple per varint would be garbage by the million). */
let varintEnd = 0;

/** The varint at buf[pos], read no further than `to`; it ends at `varintEnd`. */
function varintAt(buf: Uint8Array, pos: number, to: number): number {
  let value = 0;
  let scale = 1;
  for (;;) {
    if (pos >= to) throw new Error('truncated varint');
    const b = buf[pos++]!;
    value += (b & 0x7f) * scale;
    if (b < 0x80) {
      varintEnd = pos;
      return value;
    }
    scale *= 128;
  }
}

/** [value, position after it] of the varint at buf[pos]. */
export function readVarint(buf: Uint8Array, pos: number): [number, number] {
  const value = varintAt(buf, pos, buf.length);
  return [value, varintEnd];
}

export function* fields(buf: Uint8Array, from = 0, to = buf.length): Generator<Field> {
  let pos = from;
  while (pos < to) {
    const rawStart = pos;
    const [tag, afterTag] = readVarint(buf, pos);
    pos = afterTag;
    const number = Math.floor(tag / 8);
    const wireType = tag & 7;
    if (wireType === 0) {
      const [value, next] = readVarint(buf, pos);
      yield { number, wireType, value, start: pos, end: next, rawStart };
      pos = next;
    } else if (wireType === 2) {
      const [length, next] = readVarint(buf, pos);
      if (next + length > to) throw new Error('truncated field');
      yield { number, wireType, value: length, start: next, end: next + length, rawStart };
      pos = next + length;
    } else if (wireType === 1 || wireType === 5) {
      const size = wireType === 1 ? 8 : 4;
      yield { number, wireType, value: 0, start: pos, end: pos + size, rawStart };
      pos += size;
    } else {
      throw new Error(`unsupported wire type ${wireType}`);
    }
  }
}

/** Values of a repeated integer field, packed or not (int64 values as two's complement). */
export function pushInts(buf: Uint8Array, f: Field, out: number[]): void {
  if (f.wireType === 0) out.push(toSigned(f.value));
  else pushPacked(buf, f.start, f.end, out);
}

export function toSigned(v: number): number {
  return v >= 2 ** 63 ? v - 2 ** 64 : v;
}

/**
 * Calls `visit` for each field of buf[from, to) without allocating: `value` is the varint of
 * wire type 0 or the length of wire type 2, whose payload is [start, end); `rawStart` is
 * where the field's tag begins. For the hot loops over millions of fields.
 */
export function forEachField(
  buf: Uint8Array,
  from: number,
  to: number,
  visit: (number: number, wireType: number, value: number, start: number, end: number, rawStart: number) => void,
): void {
  let pos = from;
  while (pos < to) {
    const rawStart = pos;
    const tag = varintAt(buf, pos, to);
    pos = varintEnd;
    const wireType = tag & 7;
    const number = Math.floor(tag / 8);
    if (wireType === 0) {
      const start = pos;
      const value = varintAt(buf, pos, to);
      pos = varintEnd;
      visit(number, 0, value, start, pos, rawStart);
    } else if (wireType === 2) {
      const length = varintAt(buf, pos, to);
      pos = varintEnd;
      if (pos + length > to) throw new Error('truncated field');
      visit(number, 2, length, pos, pos + length, rawStart);
      pos += length;
    } else if (wireType === 1 || wireType === 5) {
      const size = wireType === 1 ? 8 : 4;
      if (pos + size > to) throw new Error('truncated field');
      visit(number, wireType, 0, pos, pos + size, rawStart);
      pos += size;
    } else {
      throw new Error(`unsupported wire type ${wireType}`);
    }
  }
}

/** Pushes the varints of buf[from, to) (a packed field's payload) onto `out`, as int64. */
export function pushPacked(buf: Uint8Array, from: number, to: number, out: number[]): void {
  for (let pos = from; pos < to; pos = varintEnd) out.push(toSigned(varintAt(buf, pos, to)));
}

export function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}
