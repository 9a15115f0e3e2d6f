import type { Profile } from '../pprof/profile';
import type { CallGraph, CallGraphOptions } from './callgraph';
import { nodeTableOf, tagKeysOf, type NodeTable, type RawGraph, type TagWeight } from './graph-build';
import { sortNodes, type NodeOrder } from './graph-order';
import { MAX_NODELETS, removeRedundantEdges, selectTopNodes, toCallGraph, trimLowFrequencyEdges } from './graph-trim';
import type { Stacks } from './stacks';

/** A call tree in RawGraph form (one node per calling context) with each node's label tags. */
interface TreeGraph {
  readonly g: RawGraph;
  readonly tags: readonly (Map<string, TagWeight> | undefined)[];
}

/**
 * pprof's newTree: walking each stack root first, a frame's node is looked up among the children
 * of the previous node (by pprof node identity), so every node has at most one parent; each
 * sample adds its value to the cum of every node on its path, to every edge on it, and to the
 * flat of its last node. Tags are only collected when `tagKeys` is given (stacks per sample).
 */
function buildTree(stacks: Stacks, tagKeys: ((sample: number) => readonly string[]) | undefined): TreeGraph {
  const identityNode = nodeTableOf(stacks);
  const childOf = new Map<number, number>();
  const names: string[] = [];
  const frame: number[] = [];
  const flat: number[] = [];
  const cum: number[] = [];
  const edgeSrc: number[] = [];
  const edgeDst: number[] = [];
  const edgeWeight: number[] = [];
  const edgeInline: boolean[] = [];
  /** The edge into each node (a tree node has one parent). */
  const inEdge: number[] = [];
  const tags: (Map<string, TagWeight> | undefined)[] = [];
  const { stackStart, stackFrames, stackInlined, values } = stacks;
  for (let s = 0; s < stacks.count; s++) {
    const w = values[s]!;
    if (w === 0) continue;
    const keys = tagKeys?.(stacks.sampleIndexes[s]!);
    let parent = -1;
    for (let i = stackStart[s + 1]! - 1; i >= stackStart[s]!; i--) {
      const f = stackFrames[i]!;
      const key = (parent + 1) * identityNode.count + identityNode.nodeOfFrame[f]!;
      let n = childOf.get(key);
      if (n === undefined) {
        n = names.length;
        childOf.set(key, n);
        names.push(identityNode.names[identityNode.nodeOfFrame[f]!]!);
        frame.push(identityNode.frame[identityNode.nodeOfFrame[f]!]!);
        flat.push(0);
        cum.push(0);
        inEdge.push(-1);
        tags.push(keys ? new Map() : undefined);
      }
      cum[n]! += w;
      if (keys) addTagWeights(tags[n]!, keys, w, false);
      if (parent >= 0) {
        const inline = stackInlined[i] === 1;
        let e = inEdge[n]!;
        if (e < 0) {
          e = edgeSrc.length;
          inEdge[n] = e;
          edgeSrc.push(parent);
          edgeDst.push(n);
          edgeWeight.push(w);
          edgeInline.push(inline);
        } else {
          edgeWeight[e]! += w;
          if (!inline) edgeInline[e] = false;
        }
      }
      parent = n;
    }
    if (parent >= 0) {
      flat[parent]! += w;
      if (keys) addTagWeights(tags[parent]!, keys, w, true);
    }
  }
  const count = names.length;
  const nodes: NodeTable = { count, names, frame: Int32Array.from(frame), nodeOfFrame: new Int32Array(0), frames: stacks.frames };
  const inEdges: number[][] = Array.from({ length: count }, () => []);
  const outEdges: number[][] = Array.from({ length: count }, () => []);
  for (let e = 0; e < edgeSrc.length; e++) {
    outEdges[edgeSrc[e]!]!.push(e);
    inEdges[edgeDst[e]!]!.push(e);
  }
  const present: number[] = [];
  for (let n = 0; n < count; n++) if (flat[n] !== 0 || cum[n] !== 0) present.push(n);
  const g: RawGraph = {
    nodes,
    flat: Float64Array.from(flat),
    cum: Float64Array.from(cum),
    edgeSrc,
    edgeDst,
    edgeWeight,
    edgeResidual: edgeSrc.map(() => false),
    edgeInline,
    edgeAlive: edgeSrc.map(() => true),
    inEdges,
    outEdges,
    present,
  };
  return { g, tags };
}

function addTagWeights(tags: Map<string, TagWeight>, keys: readonly string[], w: number, isFlat: boolean): void {
  for (const key of keys) {
    let t = tags.get(key);
    if (!t) {
      t = { flat: 0, cum: 0 };
      tags.set(key, t);
    }
    if (isFlat) t.flat += w;
    else t.cum += w;
  }
}

/**
 * pprof's TrimTree: a node left out is spliced out of the tree, its children hanging from its
 * parent by residual edges (inline when both edges were), or becoming roots when it has none.
 * Returns the kept nodes in their previous order.
 */
function trimTree(g: RawGraph, nodes: readonly number[], kept: ReadonlySet<number>): number[] {
  const out: number[] = [];
  for (const cur of nodes) {
    if (kept.has(cur)) {
      out.push(cur);
      continue;
    }
    const parentEdge = g.inEdges[cur]!.find((e) => g.edgeAlive[e] && g.edgeDst[e] === cur);
    const children = g.outEdges[cur]!.filter((e) => g.edgeAlive[e] && g.edgeSrc[e] === cur);
    if (parentEdge === undefined) {
      for (const e of children) g.edgeAlive[e] = false;
      continue;
    }
    const parent = g.edgeSrc[parentEdge]!;
    const parentInline = g.edgeInline[parentEdge]!;
    g.edgeAlive[parentEdge] = false;
    for (const e of children) {
      g.edgeSrc[e] = parent;
      g.edgeResidual[e] = true;
      g.edgeInline[e] = parentInline && g.edgeInline[e]!;
      g.outEdges[parent]!.push(e);
    }
  }
  return out;
}

export function callTreeGraph(profile: Profile, stacks: Stacks, options: CallGraphOptions, perSample?: () => Stacks): CallGraph {
  const nodeCount = options.nodeCount ?? 80;
  const visual = options.visual ?? true;
  const order: NodeOrder = visual ? 'entropy' : options.cumSort ? 'cum' : 'flat';
  // Nodelets (label tags) count in the visual graph's node selection: they need each sample.
  let source = stacks;
  let tagKeys: ((sample: number) => readonly string[]) | undefined;
  if (visual && nodeCount > 0 && profile.samples.labelKey.length > 0) {
    const samples = !stacks.merged ? stacks : perSample?.();
    if (samples) {
      source = samples;
      tagKeys = tagKeysOf(profile);
    }
  }
  const { g, tags } = buildTree(source, tagKeys);
  let totalValue = 0;
  for (const n of g.present) totalValue += g.flat[n]!;
  const nodeCutoff = Math.abs(Math.trunc(totalValue * (options.nodeFraction ?? 0.005)));
  const edgeCutoff = Math.abs(Math.trunc(totalValue * (options.edgeFraction ?? 0.001)));

  let nodes = g.present;
  let droppedNodes = 0;
  if (nodeCutoff > 0) {
    const above = new Set(nodes.filter((n) => Math.abs(g.cum[n]!) >= nodeCutoff));
    if (above.size !== nodes.length) {
      droppedNodes = nodes.length - above.size;
      nodes = trimTree(g, nodes, above);
    }
  }
  const origCount = nodes.length;
  let sorted = sortNodes(g, nodes, order);
  if (nodeCount > 0) {
    trimLowFrequencyEdges(g, edgeCutoff);
    const isShown = (t: TagWeight): boolean => Math.abs(t.flat) >= nodeCutoff || Math.abs(t.cum) >= nodeCutoff;
    const nodelets = tagKeys
      ? (n: number): number => {
          let count = 0;
          for (const t of tags[n]?.values() ?? []) if (t.flat !== 0 && isShown(t)) count++;
          return Math.min(count, MAX_NODELETS);
        }
      : undefined;
    const selected = selectTopNodes(sorted, nodeCount, nodelets);
    if (selected.length !== sorted.length) {
      sorted = sortNodes(g, trimTree(g, sorted, new Set(selected)), order);
    }
  }
  const droppedEdges = trimLowFrequencyEdges(g, edgeCutoff);
  if (visual) removeRedundantEdges(g, sorted);
  return toCallGraph(g, source, sorted, { origCount, droppedNodes, droppedEdges });
}
