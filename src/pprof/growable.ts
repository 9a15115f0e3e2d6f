/** Typed arrays that grow by doubling while a decode does not yet know the final count. */

type NumericArray = Int32Array | Uint32Array | Float64Array | Uint8Array;

/** A copy of `array` with room for at least `needed` elements (contents kept). */
export function grown<T extends NumericArray>(array: T, needed: number): T {
  let capacity = Math.max(16, array.length * 2);
  while (capacity < needed) capacity *= 2;
  const bigger = new (array.constructor as new (length: number) => T)(capacity);
  (bigger as Float64Array).set(array as unknown as Float64Array);
  return bigger;
}

/**
 * The first `length` entries of an array allocated at an upper bound: a view when that bound
 * was nearly reached or the array is big (its unwritten pages cost nothing), else a copy so a
 * small profile does not hold a large allocation.
 */
export function fitted<T extends Int32Array | Uint16Array | Float64Array>(array: T, length: number): T {
  if (array.length === length) return array;
  return (length * 8 >= array.length * 7 || length >= 1 << 18 ? array.subarray(0, length) : array.slice(0, length)) as T;
}

/** A list of [start, end) byte ranges, e.g. every `sample` field of a profile. */
export class RangeList {
  starts: Uint32Array;
  ends: Uint32Array;
  count = 0;

  /** `capacity`: the expected count; pages of a typed array that are never written cost no memory. */
  constructor(capacity = 16) {
    this.starts = new Uint32Array(capacity);
    this.ends = new Uint32Array(capacity);
  }

  push(start: number, end: number): void {
    if (this.count === this.starts.length) {
      this.starts = grown(this.starts, this.count + 1);
      this.ends = grown(this.ends, this.count + 1);
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }

  /** Bytes covered by all ranges. */
  totalBytes(): number {
    let total = 0;
    for (let i = 0; i < this.count; i++) total += this.ends[i]! - this.starts[i]!;
    return total;
  }
}
