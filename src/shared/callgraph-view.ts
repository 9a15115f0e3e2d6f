/** The call graph view's request and data (worker → host → webview), with validators. */
import { isFiniteNumber, isIndex, isRecord } from './guards';
import type { ViewQuery } from './view-model';
import { parseViewQuery } from './validate-views';

export interface CallGraphParams extends ViewQuery {
  /** pprof's -nodecount (0 keeps every node). */
  readonly nodeCount: number;
  /** pprof's -nodefraction. */
  readonly nodeFraction: number;
  /** pprof's -edgefraction. */
  readonly edgeFraction: number;
  /** pprof's -call_tree: one node per calling context. Default false. */
  readonly callTree?: boolean;
}

export const defaultCallGraphSettings = { nodeCount: 80, nodeFraction: 0.005, edgeFraction: 0.001 } as const;

export interface CallGraphNodeView {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly startLine: number;
  readonly flat: number;
  readonly cum: number;
  /** Like pprof's -dot label: "1.23s (4.5%)". */
  readonly flatText: string;
  readonly cumText: string;
}

export interface CallGraphEdgeView {
  /** Indexes into `nodes`. */
  readonly from: number;
  readonly to: number;
  readonly weight: number;
  readonly weightText: string;
  /** The edge stands for a path through dropped nodes (pprof draws it dotted). */
  readonly residual: boolean;
  readonly inline: boolean;
}

export interface CallGraphView {
  readonly sampleIndex: number;
  readonly unit: string;
  readonly total: number;
  readonly totalText: string;
  readonly nodes: readonly CallGraphNodeView[];
  readonly edges: readonly CallGraphEdgeView[];
  readonly droppedNodes: number;
  readonly droppedEdges: number;
  /** "Showing nodes accounting for …" */
  readonly shownText: string;
}

export function parseCallGraphParams(value: unknown): CallGraphParams | undefined {
  const query = parseViewQuery(value);
  if (!query || !isRecord(value)) return undefined;
  const { nodeCount, nodeFraction, edgeFraction, callTree } = value;
  if (!isIndex(nodeCount) || !isFiniteNumber(nodeFraction) || !isFiniteNumber(edgeFraction)) return undefined;
  if (nodeFraction < 0 || nodeFraction > 1 || edgeFraction < 0 || edgeFraction > 1) return undefined;
  if (callTree !== undefined && typeof callTree !== 'boolean') return undefined;
  return { ...query, nodeCount, nodeFraction, edgeFraction, ...(callTree === undefined ? {} : { callTree }) };
}

function parseNode(value: unknown): CallGraphNodeView | undefined {
  if (!isRecord(value)) return undefined;
  const { name, file, line, startLine, flat, cum, flatText, cumText } = value;
  if (typeof name !== 'string' || typeof file !== 'string' || !isIndex(line) || !isIndex(startLine)) return undefined;
  if (!isFiniteNumber(flat) || !isFiniteNumber(cum) || typeof flatText !== 'string' || typeof cumText !== 'string') return undefined;
  return { name, file, line, startLine, flat, cum, flatText, cumText };
}

function parseEdge(value: unknown, nodeCount: number): CallGraphEdgeView | undefined {
  if (!isRecord(value)) return undefined;
  const { from, to, weight, weightText, residual, inline } = value;
  if (!isIndex(from) || !isIndex(to) || from >= nodeCount || to >= nodeCount) return undefined;
  if (!isFiniteNumber(weight) || typeof weightText !== 'string' || typeof residual !== 'boolean' || typeof inline !== 'boolean') return undefined;
  return { from, to, weight, weightText, residual, inline };
}

export function parseCallGraphView(value: unknown): CallGraphView | undefined {
  if (!isRecord(value) || !Array.isArray(value.nodes) || !Array.isArray(value.edges)) return undefined;
  const { sampleIndex, unit, total, totalText, droppedNodes, droppedEdges, shownText } = value;
  if (!isIndex(sampleIndex) || typeof unit !== 'string' || !isFiniteNumber(total) || typeof totalText !== 'string') return undefined;
  if (!isIndex(droppedNodes) || !isIndex(droppedEdges) || typeof shownText !== 'string') return undefined;
  const nodes: CallGraphNodeView[] = [];
  for (const item of value.nodes) {
    const n = parseNode(item);
    if (!n) return undefined;
    nodes.push(n);
  }
  const edges: CallGraphEdgeView[] = [];
  for (const item of value.edges) {
    const e = parseEdge(item, nodes.length);
    if (!e) return undefined;
    edges.push(e);
  }
  return { sampleIndex, unit, total, totalText, nodes, edges, droppedNodes, droppedEdges, shownText };
}
