/** The steps that keep or drop nodes and edges of a call graph, and the CallGraph of what is left. */
import type { CallGraph, CallGraphEdge } from './callgraph';
import type { RawGraph } from './graph-build';
import { compareEdges, liveEdges } from './graph-order';
import type { Stacks } from './stacks';

/** Label nodelets drawn at most per node (they count in the visual graph's node selection). */
export const MAX_NODELETS = 4;

export function keptSet(count: number, nodes: readonly number[]): Uint8Array {
  const kept = new Uint8Array(count);
  for (const n of nodes) kept[n] = 1;
  return kept;
}

export function selectTopNodes(sorted: readonly number[], maxNodes: number, nodelets: ((n: number) => number) | undefined): number[] {
  let limit = maxNodes;
  if (nodelets) {
    let count = 0;
    for (let i = 0; i < sorted.length; i++) {
      count += nodelets(sorted[i]!) + 1;
      if (count >= maxNodes) {
        limit = i + 1;
        break;
      }
    }
  }
  return sorted.slice(0, Math.min(limit, sorted.length));
}

export function trimLowFrequencyEdges(g: RawGraph, cutoff: number): number {
  let dropped = 0;
  for (let e = 0; e < g.edgeAlive.length; e++) {
    if (g.edgeAlive[e] && Math.abs(g.edgeWeight[e]!) < cutoff) {
      g.edgeAlive[e] = false;
      dropped++;
    }
  }
  return dropped;
}

/** Removes residual edges whose source already reaches the destination another way. */
export function removeRedundantEdges(g: RawGraph, sorted: readonly number[]): void {
  for (let i = sorted.length - 1; i >= 0; i--) {
    const ins = liveEdges(g, g.inEdges[sorted[i]!]!);
    for (let j = ins.length - 1; j >= 0; j--) {
      const e = ins[j]!;
      if (!g.edgeResidual[e]) break;
      if (isRedundantEdge(g, e)) g.edgeAlive[e] = false;
    }
  }
}

function isRedundantEdge(g: RawGraph, edge: number): boolean {
  const src = g.edgeSrc[edge]!;
  const start = g.edgeDst[edge]!;
  const seen = new Set<number>([start]);
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    for (const ie of g.inEdges[queue[q]!]!) {
      if (!g.edgeAlive[ie] || ie === edge) continue;
      const from = g.edgeSrc[ie]!;
      if (seen.has(from)) continue;
      if (from === src) return true;
      seen.add(from);
      queue.push(from);
    }
  }
  return false;
}

export function toCallGraph(
  g: RawGraph,
  stacks: Stacks,
  sorted: readonly number[],
  counts: { origCount: number; droppedNodes: number; droppedEdges: number },
): CallGraph {
  const idOf = new Map<number, number>();
  const { exact } = g;
  let shownTotal = 0;
  let exactShownTotal = 0n;
  const nodes = sorted.map((n, id) => {
    idOf.set(n, id);
    shownTotal += g.flat[n]!;
    const node = { id, frame: g.nodes.frame[n]!, name: g.nodes.names[n]!, flat: g.flat[n]!, cum: g.cum[n]! };
    if (!exact) return node;
    exactShownTotal += exact.flat[n]!;
    return { ...node, exactFlat: exact.flat[n]!, exactCum: exact.cum[n]! };
  });
  const edges: CallGraphEdge[] = [];
  const live: number[] = [];
  for (let e = 0; e < g.edgeAlive.length; e++) {
    if (g.edgeAlive[e] && idOf.has(g.edgeSrc[e]!) && idOf.has(g.edgeDst[e]!)) live.push(e);
  }
  live.sort((a, b) => compareEdges(g, a, b));
  for (const e of live) {
    edges.push({
      from: idOf.get(g.edgeSrc[e]!)!,
      to: idOf.get(g.edgeDst[e]!)!,
      weight: g.edgeWeight[e]!,
      residual: g.edgeResidual[e]!,
      inline: g.edgeInline[e]!,
      ...(exact ? { exactWeight: exact.edgeWeight[e]! } : {}),
    });
  }
  return {
    sampleType: stacks.sampleType,
    total: stacks.total,
    frames: stacks.frames,
    nodes,
    edges,
    ...counts,
    shownTotal,
    ...(exact && stacks.exactTotal !== undefined ? { exactTotal: stacks.exactTotal, exactShownTotal } : {}),
  };
}
