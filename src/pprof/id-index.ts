import { WireFormatError } from './wire';

/**
 * Maps the ids a profile uses (function, location, mapping ids: any uint64 but 0) to dense
 * indexes. Ids that are small (Go numbers them 1..N) go through a flat Int32Array; others
 * through a Map.
 */
export class IdIndex {
  private constructor(
    /** table[id] = dense index, or -1; covers ids below table.length. */
    readonly table: Int32Array,
    /** How many ids (dense indexes 0 .. count - 1). */
    readonly count: number,
    private readonly large: Map<number, number> | undefined,
  ) {}

  /** `what` names the kind of thing, e.g. "function", for error messages. */
  static build(ids: Float64Array, count: number, what: string): IdIndex {
    let maxId = 0;
    for (let i = 0; i < count; i++) {
      const id = ids[i]!;
      if (id === 0) throw new WireFormatError(`${what} #${i} has the reserved id 0`);
      if (id > maxId) maxId = id;
    }
    const useTable = maxId <= count * 4 + 1024;
    const table = new Int32Array(useTable ? maxId + 1 : Math.min(maxId + 1, count * 4 + 1024)).fill(-1);
    const large = useTable ? undefined : new Map<number, number>();
    for (let i = 0; i < count; i++) {
      const id = ids[i]!;
      if (id < table.length) {
        if (table[id] !== -1) throw new WireFormatError(`two ${what}s have the same id ${id}`);
        table[id] = i;
      } else {
        if (large!.has(id)) throw new WireFormatError(`two ${what}s have the same id ${id}`);
        large!.set(id, i);
      }
    }
    return new IdIndex(table, count, large);
  }

  /** The dense index of `id`, or -1 when no entry has that id. */
  get(id: number): number {
    if (id < this.table.length) return this.table[id]!;
    return this.large?.get(id) ?? -1;
  }
}
