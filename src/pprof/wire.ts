/**
 * Protocol-buffer wire reading over a Uint8Array. Positions are plain numbers that callers
 * keep in local variables; a read that also moves the position leaves the new position in
 * `wire.next` (one module-level slot instead of an object per read).
 */

/** Thrown for bytes that break the wire format; decodeProfile turns it into a ProfileError. */
export class WireFormatError extends Error {
  override readonly name = 'WireFormatError';
}

export const VARINT = 0;
export const FIXED64 = 1;
export const LENGTH_DELIMITED = 2;
export const FIXED32 = 5;

const TWO_POW_32 = 4294967296;

/** Where the last varint or length read stopped (the first byte after it). */
export const wire = { next: 0 };

function truncated(pos: number): WireFormatError {
  return new WireFormatError(`truncated data at byte ${pos}`);
}

/**
 * Reads the varint at `pos` (not past `limit`) as an unsigned 64-bit integer, or, when
 * `signed`, as a two's-complement int64 (how negative int64 values are written).
 * Exact up to 2^53. Sets `wire.next`.
 */
export function varintAt(buf: Uint8Array, pos: number, limit: number, signed: boolean): number {
  let p = pos;
  let lo = 0;
  let b = 0;
  for (let shift = 0; shift < 28; shift += 7) {
    if (p >= limit) throw truncated(p);
    b = buf[p++]!;
    lo |= (b & 0x7f) << shift;
    if (b < 0x80) {
      wire.next = p;
      return lo;
    }
  }
  if (p >= limit) throw truncated(p);
  b = buf[p++]!;
  lo = (lo | ((b & 0x0f) << 28)) >>> 0;
  let hi = (b & 0x7f) >> 4;
  if (b < 0x80) {
    wire.next = p;
    return hi * TWO_POW_32 + lo;
  }
  for (let shift = 3; shift < 32; shift += 7) {
    if (p >= limit) throw truncated(p);
    b = buf[p++]!;
    hi |= (b & 0x7f) << shift;
    if (b < 0x80) {
      wire.next = p;
      hi >>>= 0;
      if (signed && hi >= 0x80000000) {
        const negLo = (~lo + 1) >>> 0;
        let negHi = ~hi >>> 0;
        if (negLo === 0) negHi = (negHi + 1) >>> 0;
        return -(negLo + negHi * TWO_POW_32);
      }
      return lo + hi * TWO_POW_32;
    }
  }
  throw new WireFormatError(`varint longer than 10 bytes at byte ${pos}`);
}

/**
 * The varint at `pos` exactly, as a BigInt (int64 when `signed`): the slow path for the rare
 * value past 2^53 that varintAt returns rounded. The varint was read once already.
 */
export function bigVarintAt(buf: Uint8Array, pos: number, limit: number, signed: boolean): bigint {
  let value = 0n;
  let shift = 0n;
  for (let p = pos; p < limit && shift < 70n; p++, shift += 7n) {
    const b = buf[p]!;
    value |= BigInt(b & 0x7f) << shift;
    if (b < 0x80) break;
  }
  value = BigInt.asUintN(64, value);
  return signed ? BigInt.asIntN(64, value) : value;
}

/**
 * Reads a length prefix at `pos` and checks that many bytes fit before `limit`.
 * Returns the length; `wire.next` is the first byte of the data.
 */
export function lengthAt(buf: Uint8Array, pos: number, limit: number): number {
  const length = varintAt(buf, pos, limit, false);
  const start = wire.next;
  if (length > limit - start) {
    throw new WireFormatError(
      `length ${length} at byte ${pos} runs past the end of its message (${limit - start} bytes left)`,
    );
  }
  return length;
}

/** Reads a field key at `pos`; returns it as field * 8 + wire type. Sets `wire.next`. */
export function keyAt(buf: Uint8Array, pos: number, limit: number): number {
  const b = buf[pos];
  if (b !== undefined && b < 0x80 && pos < limit) {
    wire.next = pos + 1;
    if (b < 8) throw new WireFormatError(`field number 0 at byte ${pos}`);
    return b;
  }
  const key = varintAt(buf, pos, limit, false);
  if (key > 0xffffffff) throw new WireFormatError(`field key too large at byte ${pos}`);
  if (key < 8) throw new WireFormatError(`field number 0 at byte ${pos}`);
  return key;
}

/** Skips the value of a field of wire type `wireType` starting at `pos`; returns the new position. */
export function skipValue(buf: Uint8Array, pos: number, limit: number, wireType: number): number {
  switch (wireType) {
    case VARINT:
      varintAt(buf, pos, limit, false);
      return wire.next;
    case FIXED64:
      if (limit - pos < 8) throw truncated(limit);
      return pos + 8;
    case LENGTH_DELIMITED: {
      const length = lengthAt(buf, pos, limit);
      return wire.next + length;
    }
    case FIXED32:
      if (limit - pos < 4) throw truncated(limit);
      return pos + 4;
    default:
      throw new WireFormatError(`unsupported wire type ${wireType} before byte ${pos}`);
  }
}

/** Writes `value` (a non-negative integer up to 2^53) as a varint in its shortest form at `out[at]`; returns where it ends. */
export function writeShortestVarint(out: Uint8Array, at: number, value: number): number {
  let v = value;
  let p = at;
  while (v >= 0x80) {
    out[p++] = (v % 0x80) | 0x80;
    v = Math.floor(v / 0x80);
  }
  out[p++] = v;
  return p;
}
