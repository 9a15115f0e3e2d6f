/**
 * The call graph with pprof's node selection, as plain data for the webview to lay out.
 *
 * Same steps as pprof's trimmed graph: drop nodes whose cum is below nodeFraction of the
 * total, order nodes (entropy for the visual graph, flat or cum for text), keep the first
 * nodeCount (in the visual graph a node's label nodelets count too), rebuild the graph from the
 * samples with only those nodes (edges that skip dropped nodes become residual), drop edges
 * below edgeFraction and, in the visual graph, residual edges already implied by another path.
 */
import type { Profile, ValueType } from '../pprof/profile';
import type { ReportOptions } from './options';
import { buildStacks, type Frame, type Stacks } from './stacks';
import { buildRawGraph, candidateTags, nodeTableOf, tagKeysOf, type NodeTable, type RawGraph, type TagWeight } from './graph-build';
import { compareBytes as compareStrings } from './top';

export interface CallGraphNode {
  /** Index of the node in `CallGraph.nodes`. */
  readonly id: number;
  /** Index into `CallGraph.frames` of a frame with this node's name. */
  readonly frame: number;
  readonly name: string;
  readonly flat: number;
  readonly cum: number;
}

export interface CallGraphEdge {
  readonly from: number;
  readonly to: number;
  readonly weight: number;
  /** The edge stands for a path through nodes that were left out (drawn dashed). */
  readonly residual: boolean;
  /** Every call along this edge was inlined. */
  readonly inline: boolean;
}

export interface CallGraph {
  readonly sampleType: ValueType;
  /** The report's total (what percentages are of), as in the top table. */
  readonly total: number;
  readonly frames: readonly Frame[];
  /** In pprof's order (entropy order for the visual graph). */
  readonly nodes: readonly CallGraphNode[];
  /** By |weight| descending, then source and destination name. */
  readonly edges: readonly CallGraphEdge[];
  /** Nodes before the node count was applied. */
  readonly origCount: number;
  /** Nodes dropped for a cum below nodeFraction. */
  readonly droppedNodes: number;
  /** Edges dropped for a weight below edgeFraction. */
  readonly droppedEdges: number;
  /** Sum of the flat values of the nodes shown. */
  readonly shownTotal: number;
}

export interface CallGraphOptions {
  /** Default 80; 0 keeps every node. */
  readonly nodeCount?: number;
  /** Default 0.005. */
  readonly nodeFraction?: number;
  /** Default 0.001. */
  readonly edgeFraction?: number;
  /** Visual graph (entropy order, nodelets count, redundant edges removed). Default true. */
  readonly visual?: boolean;
  /** Text order by cum instead of flat (pprof -cum); ignored for the visual graph. */
  readonly cumSort?: boolean;
  /**
   * pprof -call_tree: one node per calling context (a frame under a given parent node) instead
   * of one per function; nodes left out are spliced out of the tree (residual edges).
   */
  readonly callTree?: boolean;
}

const MAX_NODELETS = 4;

export function buildCallGraph(profile: Profile, options: ReportOptions & CallGraphOptions = {}): CallGraph {
  const stacks = buildStacks(profile, options);
  const perSample = (): Stacks => buildStacks(profile, options, { mergeStacks: false });
  return callGraphFromStacks(profile, stacks, options, perSample);
}

/**
 * The visual graph's node selection counts label nodelets, which needs each sample's labels:
 * when `stacks` are merged and the profile has labels, `perSample` supplies unmerged stacks
 * (only called then); without it, labels are not counted.
 */
export function callGraphFromStacks(
  profile: Profile,
  stacks: Stacks,
  options: CallGraphOptions = {},
  perSample?: () => Stacks,
): CallGraph {
  if (options.callTree) return callTreeGraph(profile, stacks, options, perSample);
  const nodeCount = options.nodeCount ?? 80;
  const visual = options.visual ?? true;
  const order: NodeOrder = visual ? 'entropy' : options.cumSort ? 'cum' : 'flat';
  const table = nodeTableOf(stacks);

  let g = buildRawGraph(stacks, table, undefined);
  let totalValue = 0;
  for (const n of g.present) totalValue += g.flat[n]!;
  const nodeCutoff = Math.abs(Math.trunc(totalValue * (options.nodeFraction ?? 0.005)));
  const edgeCutoff = Math.abs(Math.trunc(totalValue * (options.edgeFraction ?? 0.001)));

  let droppedNodes = 0;
  let kept: Uint8Array | undefined;
  if (nodeCutoff > 0) {
    const above = g.present.filter((n) => Math.abs(g.cum[n]!) >= nodeCutoff);
    if (above.length !== g.present.length) {
      droppedNodes = g.present.length - above.length;
      kept = keptSet(table.count, above);
      g = buildRawGraph(stacks, table, kept);
    }
  }
  const origCount = g.present.length;

  let sorted = sortNodes(g, g.present, order);
  if (nodeCount > 0) {
    trimLowFrequencyEdges(g, edgeCutoff);
    let nodelets: ((n: number) => number) | undefined;
    if (visual && profile.samples.labelKey.length > 0) {
      const samples = !stacks.merged ? stacks : perSample?.();
      if (samples) nodelets = nodeletCounter(profile, samples, table, kept, sorted.slice(0, nodeCount), nodeCutoff);
    }
    const selected = selectTopNodes(sorted, nodeCount, nodelets);
    if (selected.length !== sorted.length) {
      g = buildRawGraph(stacks, table, keptSet(table.count, selected));
      sorted = sortNodes(g, g.present, order);
    }
  }
  const droppedEdges = trimLowFrequencyEdges(g, edgeCutoff);
  if (visual) removeRedundantEdges(g, sorted);
  return toCallGraph(g, stacks, sorted, { origCount, droppedNodes, droppedEdges });
}

/** Nodelets pprof would draw for each candidate: tags with a flat value, after low ones are cut. */
function nodeletCounter(
  profile: Profile,
  samples: Stacks,
  table: NodeTable,
  kept: Uint8Array | undefined,
  candidates: readonly number[],
  cutoff: number,
): (n: number) => number {
  const tags = candidateTags(profile, samples, table, kept, candidates);
  const isShown = (t: TagWeight): boolean => Math.abs(t.flat) >= cutoff || Math.abs(t.cum) >= cutoff;
  return (n) => {
    let count = 0;
    for (const t of tags.get(n)?.values() ?? []) if (t.flat !== 0 && isShown(t)) count++;
    return Math.min(count, MAX_NODELETS);
  };
}

function keptSet(count: number, nodes: readonly number[]): Uint8Array {
  const kept = new Uint8Array(count);
  for (const n of nodes) kept[n] = 1;
  return kept;
}

type NodeOrder = 'flat' | 'cum' | 'entropy';

export function sortNodes(g: RawGraph, nodes: readonly number[], order: NodeOrder): number[] {
  const names = g.nodes.names;
  // pprof compares |score| as int64; the entropy score can wrap (see entropyScore).
  const score: bigint[] = [];
  for (const n of nodes) score[n] = abs64(order === 'entropy' ? entropyScore(g, n) : BigInt(order === 'flat' ? g.flat[n]! : g.cum[n]!));
  return [...nodes].sort((a, b) => {
    if (order === 'flat') {
      const d = Math.abs(g.flat[b]!) - Math.abs(g.flat[a]!);
      if (d !== 0) return d;
      const byName = compareStrings(names[a]!, names[b]!);
      if (byName !== 0) return byName;
      return Math.abs(g.cum[b]!) - Math.abs(g.cum[a]!) || compareIdentity(g, a, b);
    }
    const sa = score[a]!;
    const sb = score[b]!;
    if (sa !== sb) return sa > sb ? -1 : 1;
    const byName = compareStrings(names[a]!, names[b]!);
    if (byName !== 0) return byName;
    return Math.abs(g.flat[b]!) - Math.abs(g.flat[a]!) || compareIdentity(g, a, b);
  });
}

function compareIdentity(g: RawGraph, a: number, b: number): number {
  const frames = g.nodes.frames;
  return compareStrings(frames[g.nodes.frame[a]!]!.identity, frames[g.nodes.frame[b]!]!.identity);
}

/**
 * pprof's entropy score: favours entry and leaf nodes and nodes whose edges spread weight.
 * Computed as Go does on amd64: with negative (diff) values the entropy can be NaN, which
 * converts to the minimum int64, and the int64 addition of the flat value then wraps.
 */
function entropyScore(g: RawGraph, n: number): bigint {
  let score = 0;
  const ins = g.inEdges[n]!.filter((e) => g.edgeAlive[e]);
  const outs = g.outEdges[n]!.filter((e) => g.edgeAlive[e]);
  score += ins.length === 0 ? 1 : edgeEntropy(g, ins, 0);
  score += outs.length === 0 ? 1 : edgeEntropy(g, outs, g.flat[n]!);
  return BigInt.asIntN(64, floatToInt64(score * g.cum[n]!) + BigInt(g.flat[n]!));
}

const INT64_MIN = -(2n ** 63n);

/** Go's int64(x) on amd64: NaN and out-of-range values become the minimum int64. */
function floatToInt64(x: number): bigint {
  return Number.isNaN(x) || Math.abs(x) >= 2 ** 63 ? INT64_MIN : BigInt(Math.trunc(x));
}

function abs64(x: bigint): bigint {
  return x < 0n ? BigInt.asIntN(64, -x) : x;
}

function edgeEntropy(g: RawGraph, edges: readonly number[], self: number): number {
  let total = self;
  for (const e of edges) if (g.edgeWeight[e]! > 0) total += g.edgeWeight[e]!;
  if (total === 0) return 0;
  let score = 0;
  for (const e of edges) score += entropyTerm(Math.abs(g.edgeWeight[e]!) / total);
  if (self > 0) score += entropyTerm(Math.abs(self) / total);
  return score;
}

/** -frac·log2(frac) as Go evaluates it: NaN for frac <= 0 (0·-Inf, log of a negative). */
function entropyTerm(frac: number): number {
  return -frac * Math.log2(frac);
}

function selectTopNodes(sorted: readonly number[], maxNodes: number, nodelets: ((n: number) => number) | undefined): number[] {
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

function trimLowFrequencyEdges(g: RawGraph, cutoff: number): number {
  let dropped = 0;
  for (let e = 0; e < g.edgeAlive.length; e++) {
    if (g.edgeAlive[e] && Math.abs(g.edgeWeight[e]!) < cutoff) {
      g.edgeAlive[e] = false;
      dropped++;
    }
  }
  return dropped;
}

/** Edge order of pprof's reports: |weight| descending, then source name, destination name. */
export function compareEdges(g: RawGraph, a: number, b: number): number {
  const d = Math.abs(g.edgeWeight[b]!) - Math.abs(g.edgeWeight[a]!);
  if (d !== 0) return d;
  const names = g.nodes.names;
  return (
    compareStrings(names[g.edgeSrc[a]!]!, names[g.edgeSrc[b]!]!) ||
    compareStrings(names[g.edgeDst[a]!]!, names[g.edgeDst[b]!]!)
  );
}

export function liveEdges(g: RawGraph, edges: readonly number[]): number[] {
  return edges.filter((e) => g.edgeAlive[e]).sort((a, b) => compareEdges(g, a, b));
}

/** Removes residual edges whose source already reaches the destination another way. */
function removeRedundantEdges(g: RawGraph, sorted: readonly number[]): void {
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

function toCallGraph(
  g: RawGraph,
  stacks: Stacks,
  sorted: readonly number[],
  counts: { origCount: number; droppedNodes: number; droppedEdges: number },
): CallGraph {
  const idOf = new Map<number, number>();
  let shownTotal = 0;
  const nodes = sorted.map((n, id) => {
    idOf.set(n, id);
    shownTotal += g.flat[n]!;
    return { id, frame: g.nodes.frame[n]!, name: g.nodes.names[n]!, flat: g.flat[n]!, cum: g.cum[n]! };
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
  };
}

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

function callTreeGraph(profile: Profile, stacks: Stacks, options: CallGraphOptions, perSample?: () => Stacks): CallGraph {
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
