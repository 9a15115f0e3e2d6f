/** Location ids as samples write them (packed varints) turned into dense location indexes. */
import type { IdIndex } from './id-index';
import type { LocationIndexes } from './profile';
import * as wireFormat from './wire';
import { WireFormatError } from './wire';

// Local aliases: see decode-samples.ts.
const { varintAt, wire } = wireFormat;

/** Set by writeDenseLocations: whether some id was written with more varint bytes than needed. */
export const packedIds = { overlong: false };

/**
 * Writes the dense indexes of the packed location ids `src[lo .. hi - 1]` (of sample `s`) into
 * `out` from `at` (which must have room for one per byte); returns where they end. An id that
 * is not in the profile is a WireFormatError naming the sample.
 */
export function writeDenseLocations(s: number, src: Uint8Array, lo: number, hi: number, index: IdIndex, out: LocationIndexes, at: number): number {
  const table = index.table;
  const tableLength = table.length;
  let n = at;
  let overlong = false;
  let p = lo;
  while (p < hi) {
    let id = src[p]!;
    if (id < 0x80) p++;
    else {
      id = varintAt(src, p, hi, false);
      if (src[wire.next - 1] === 0) overlong = true;
      p = wire.next;
    }
    const dense = id < tableLength ? table[id]! : index.get(id);
    if (dense < 0) throw unknownLocation(s, id);
    out[n++] = dense;
  }
  packedIds.overlong = overlong;
  return n;
}

export function unknownLocation(s: number, id: number): WireFormatError {
  return new WireFormatError(`sample #${s} refers to location id ${id}, which is not in the profile`);
}
