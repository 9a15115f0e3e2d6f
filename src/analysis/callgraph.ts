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
import { callTreeGraph } from './call-tree-graph';
import type { Frame } from './frames';
import { buildRawGraph, candidateTags, nodeTableOf, type NodeTable, type TagWeight } from './graph-build';
import { sortNodes, type NodeOrder } from './graph-order';
import { keptSet, MAX_NODELETS, removeRedundantEdges, selectTopNodes, toCallGraph, trimLowFrequencyEdges } from './graph-trim';
import type { ReportOptions } from './options';
import { buildStacks, type Stacks } from './stacks';

export interface CallGraphNode {
  /** Index of the node in `CallGraph.nodes`. */
  readonly id: number;
  /** Index into `CallGraph.frames` of a frame with this node's name. */
  readonly frame: number;
  readonly name: string;
  readonly flat: number;
  readonly cum: number;
  /** flat and cum exactly, with CallGraphOptions.exact when some sum could pass 2^53. */
  readonly exactFlat?: bigint;
  readonly exactCum?: bigint;
}

export interface CallGraphEdge {
  readonly from: number;
  readonly to: number;
  readonly weight: number;
  /** The edge stands for a path through nodes that were left out (drawn dashed). */
  readonly residual: boolean;
  /** Every call along this edge was inlined. */
  readonly inline: boolean;
  /** weight exactly, as CallGraphNode.exactFlat. */
  readonly exactWeight?: bigint;
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
  /** total and shownTotal exactly, as CallGraphNode.exactFlat. */
  readonly exactTotal?: bigint;
  readonly exactShownTotal?: bigint;
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
  /**
   * Also add the values up exactly (bigint fields) when the stacks have exact values (some sum
   * could pass 2^53): for printing. Not with callTree.
   */
  readonly exact?: boolean;
}

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
  const exact = options.exact ? stacks.exactValues : undefined;

  let g = buildRawGraph(stacks, table, undefined, exact);
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
      g = buildRawGraph(stacks, table, kept, exact);
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
      g = buildRawGraph(stacks, table, keptSet(table.count, selected), exact);
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

