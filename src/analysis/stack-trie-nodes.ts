/** Node arrays in breadth-first order, growing by doubling; lo/hi: each node's run of stacks (buildStackTrie). */
export class BreadthFirstTrie {
  count = 0;
  frame: Int32Array;
  parent: Int32Array;
  depth: Int32Array;
  value: Float64Array;
  self: Float64Array;
  firstChild: Int32Array;
  childCount: Int32Array;
  lo: Int32Array;
  hi: Int32Array;

  constructor(capacity: number) {
    this.frame = new Int32Array(capacity);
    this.parent = new Int32Array(capacity);
    this.depth = new Int32Array(capacity);
    this.value = new Float64Array(capacity);
    this.self = new Float64Array(capacity);
    this.firstChild = new Int32Array(capacity);
    this.childCount = new Int32Array(capacity);
    this.lo = new Int32Array(capacity);
    this.hi = new Int32Array(capacity);
  }

  add(parent: number, frame: number, depth: number, value: number, lo: number, hi: number): void {
    if (this.count === this.frame.length) this.grow();
    const n = this.count++;
    this.frame[n] = frame;
    this.parent[n] = parent;
    this.depth[n] = depth;
    this.value[n] = value;
    this.lo[n] = lo;
    this.hi[n] = hi;
  }

  /** The node arrays cut to the nodes made, with the root's value as the total. */
  finish(total: number): Pick<BreadthFirstTrie, 'count' | 'frame' | 'parent' | 'depth' | 'value' | 'self' | 'firstChild' | 'childCount'> & {
    total: number;
  } {
    const count = this.count;
    return {
      count,
      frame: this.frame.slice(0, count),
      parent: this.parent.slice(0, count),
      depth: this.depth.slice(0, count),
      value: this.value.slice(0, count),
      self: this.self.slice(0, count),
      firstChild: this.firstChild.slice(0, count),
      childCount: this.childCount.slice(0, count),
      total,
    };
  }

  private grow(): void {
    const size = this.frame.length * 2;
    const i32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    const f64 = (a: Float64Array): Float64Array => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.frame = i32(this.frame);
    this.parent = i32(this.parent);
    this.depth = i32(this.depth);
    this.value = f64(this.value);
    this.self = f64(this.self);
    this.firstChild = i32(this.firstChild);
    this.childCount = i32(this.childCount);
    this.lo = i32(this.lo);
    this.hi = i32(this.hi);
  }
}
