/**
 * The flame tree as the flame graph receives it after a structured clone through postMessage:
 * flat arrays indexed by node (node 0 the root) plus a frame table. `FlameTree` from
 * src/analysis/flame.ts has this shape; children of a node are listed in node order.
 */

export interface FlameFrameInfo {
  /** Printable name, as `go tool pprof` prints it. */
  readonly name: string;
  readonly file: string;
  /** 0 unless the granularity has lines. */
  readonly line: number;
  /** First line of the function; used to open the source when `line` is 0. */
  readonly startLine?: number;
}

export interface FlameTreeData {
  readonly frames: readonly FlameFrameInfo[];
  /** Parent node of each node; -1 for the root. */
  readonly parent: ArrayLike<number>;
  /** Index into `frames` of each node; -1 for the synthetic root. */
  readonly frame: ArrayLike<number>;
  /** Cumulative value of each node (the root holds the total). */
  readonly value: ArrayLike<number>;
  /** Value of the samples that end at the node. */
  readonly self: ArrayLike<number>;
}

export interface FlameGraphModel {
  readonly tree: FlameTreeData;
  /** Unit of the values, as in the sample type (e.g. "nanoseconds", "bytes", "count"). */
  readonly unit: string;
  /** Label of the root bar; default "root". */
  readonly rootName?: string;
}

/** What the open-source and select callbacks receive. */
export interface FlameFrameRef {
  readonly name: string;
  readonly file: string;
  /** The frame's line, else its function's first line, else 0. */
  readonly line: number;
  /** The node in the tree, for callers that keep their own selection. */
  readonly node: number;
}

export function isEmptyModel(model: FlameGraphModel): boolean {
  return model.tree.parent.length === 0 || !(model.tree.value[0]! > 0);
}

export function nodeName(model: FlameGraphModel, node: number): string {
  const f = model.tree.frame[node]!;
  return f < 0 ? (model.rootName ?? 'root') : (model.tree.frames[f]?.name ?? '');
}

export function frameRef(model: FlameGraphModel, node: number): FlameFrameRef {
  const f = model.tree.frame[node]!;
  const info = f >= 0 ? model.tree.frames[f] : undefined;
  if (info === undefined) return { name: nodeName(model, node), file: '', line: 0, node };
  return { name: info.name, file: info.file, line: info.line > 0 ? info.line : (info.startLine ?? 0), node };
}
