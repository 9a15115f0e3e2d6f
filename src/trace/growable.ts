/** Typed arrays that grow by doubling as numbers are pushed (no array of boxed numbers for millions of values). */

class Growable<T extends Float64Array | Int32Array> {
  length = 0;
  private data: T;

  constructor(private readonly make: (n: number) => T) {
    this.data = make(1024);
  }

  push(...values: number[]): void {
    if (this.length + values.length > this.data.length) {
      const bigger = this.make(Math.max(this.data.length * 2, this.length + values.length));
      bigger.set(this.data);
      this.data = bigger;
    }
    for (const v of values) this.data[this.length++] = v;
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
  constructor() {
    super((n) => new Float64Array(n));
  }
}

export class GrowableInt32 extends Growable<Int32Array> {
  constructor() {
    super((n) => new Int32Array(n));
  }
}
