/**
 * Edge numbers by (source node, destination node): an open-addressing hash table of typed
 * arrays. Building a big graph looks an edge up for every frame of every stack; a Map keyed by
 * source * nodeCount + destination cost most of that time (and past 2^30 its keys are heap numbers).
 */
export class EdgeIndex {
  private src: Int32Array;
  private dst: Int32Array;
  /** Edge number + 1 per slot; 0 is an empty slot. */
  private edge: Int32Array;
  private count = 0;

  constructor(expected = 1024) {
    let slots = 1024;
    while (slots < expected * 2) slots *= 2;
    this.src = new Int32Array(slots);
    this.dst = new Int32Array(slots);
    this.edge = new Int32Array(slots);
  }

  /** The edge number of (src, dst), or -1. */
  get(src: number, dst: number): number {
    const mask = this.edge.length - 1;
    for (let slot = hash(src, dst) & mask; ; slot = (slot + 1) & mask) {
      const e = this.edge[slot]!;
      if (e === 0) return -1;
      if (this.src[slot] === src && this.dst[slot] === dst) return e - 1;
    }
  }

  /** Records (src, dst) as edge number `e`; the pair must not be in the index yet. */
  set(src: number, dst: number, e: number): void {
    if ((this.count + 1) * 2 > this.edge.length) this.grow();
    this.place(src, dst, e + 1);
    this.count++;
  }

  private place(src: number, dst: number, entry: number): void {
    const mask = this.edge.length - 1;
    let slot = hash(src, dst) & mask;
    while (this.edge[slot] !== 0) slot = (slot + 1) & mask;
    this.src[slot] = src;
    this.dst[slot] = dst;
    this.edge[slot] = entry;
  }

  private grow(): void {
    const { src, dst, edge } = this;
    this.src = new Int32Array(edge.length * 2);
    this.dst = new Int32Array(edge.length * 2);
    this.edge = new Int32Array(edge.length * 2);
    for (let slot = 0; slot < edge.length; slot++) if (edge[slot] !== 0) this.place(src[slot]!, dst[slot]!, edge[slot]!);
  }
}

function hash(src: number, dst: number): number {
  let h = Math.imul(src, 0x9e3779b1) ^ dst;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return h ^ (h >>> 13);
}
