/** The call graph view's request (checked: it comes from the webview) and data (worker → host → webview). */
import { isFiniteNumber, isIndex, isRecord } from './guards';
import { checkedMethod } from './rpc';
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

export const callGraphMethod = checkedMethod<CallGraphParams, CallGraphView>(parseCallGraphParams);
