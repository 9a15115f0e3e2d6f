/** Typed arrays that grow by doubling as numbers are pushed (no array of boxed numbers for millions of values). */

class Growable<T extends Float64Array | Int32Array> {
  length = 0;
  private data: T;

  /** `expected`: room for that many numbers first (a good guess saves the copies of doubling). */
  constructor(
    private readonly make: (n: number) => T,
    expected: number,
  ) {
    this.data = make(Math.max(1024, Math.ceil(expected)));
  }

  push(...values: number[]): void {
    const at = this.reserve(values.length);
    for (let i = 0; i < values.length; i++) this.data[at + i] = values[i]!;
  }

  /** Makes room for `n` more numbers and returns the index of the first (hot loops fill them with set, no array per push). */
  reserve(n: number): number {
    if (this.length + n > this.data.length) {
      const bigger = this.make(Math.max(this.data.length * 2, this.length + n));
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

  finish(): T {
    return this.data.slice(0, this.length) as T;
  }
}

export class GrowableFloat64 extends Growable<Float64Array> {
  constructor(expected = 1024) {
    super((n) => new Float64Array(n), expected);
  }
}

export class GrowableInt32 extends Growable<Int32Array> {
  constructor(expected = 1024) {
    super((n) => new Int32Array(n), expected);
  }
}
