/**
 * Typed arrays that grow by doubling as numbers are pushed (no array of boxed numbers for millions
 * of values). One class per element type on purpose: a method shared by a Float64Array and an
 * Int32Array store sees both kinds and V8 makes its element access polymorphic (that store was
 * the hottest line of the timeline's slice loop in a CPU profile).
 */

export class GrowableFloat64 {
  length = 0;
  private data: Float64Array;

  /** `expected`: room for that many numbers first (a good guess saves the copies of doubling). */
  constructor(expected = 1024) {
    this.data = new Float64Array(Math.max(1024, Math.ceil(expected)));
  }

  push(...values: number[]): void {
    const at = this.reserve(values.length);
    for (let i = 0; i < values.length; i++) this.data[at + i] = values[i]!;
  }

  /** Makes room for `n` more numbers and returns the index of the first (hot loops fill them with set, no array per push). */
  reserve(n: number): number {
    if (this.length + n > this.data.length) {
      const bigger = new Float64Array(Math.max(this.data.length * 2, this.length + n));
      bigger.set(this.data);
      this.data = bigger;
    }
    const at = this.length;
    this.length += n;
    return at;
  }

  set(i: number, value: number): void {
    this.data[i] = value;
  }

  get(i: number): number {
    return this.data[i]!;
  }

  finish(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

export class GrowableInt32 {
  length = 0;
  private data: Int32Array;

  /** `expected`: room for that many numbers first (a good guess saves the copies of doubling). */
  constructor(expected = 1024) {
    this.data = new Int32Array(Math.max(1024, Math.ceil(expected)));
  }

  push(...values: number[]): void {
    const at = this.reserve(values.length);
    for (let i = 0; i < values.length; i++) this.data[at + i] = values[i]!;
  }

  /** As GrowableFloat64.reserve. */
  reserve(n: number): number {
    if (this.length + n > this.data.length) {
      const bigger = new Int32Array(Math.max(this.data.length * 2, this.length + n));
      bigger.set(this.data);
      this.data = bigger;
    }
    const at = this.length;
    this.length += n;
    return at;
  }

  set(i: number, value: number): void {
    this.data[i] = value;
  }

  get(i: number): number {
    return this.data[i]!;
  }

  finish(): Int32Array {
    return this.data.slice(0, this.length);
  }
}
