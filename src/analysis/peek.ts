/**
 * Callers and callees of the functions matching a regular expression, with the numbers of
 * `go tool pprof -peek`: the full graph (no node or edge trimming), nodes in flat order, each
 * with its incoming and outgoing edges by weight.
 */
import type { Profile } from '../pprof/profile';
import type { ReportOptions } from './options';
import { buildStacks, type Stacks } from './stacks';
import { callGraphFromStacks, type CallGraph, type CallGraphEdge, type CallGraphNode } from './callgraph';
import { compileGoRegexp } from '../shared/go-regexp';

export interface PeekEntry {
  readonly node: CallGraphNode;
  /** Edges into the node, by |weight| descending then caller name. */
  readonly callers: readonly CallGraphEdge[];
  /** Edges out of the node, by |weight| descending then callee name. */
  readonly callees: readonly CallGraphEdge[];
}

export interface PeekReport {
  readonly graph: CallGraph;
  /** The matching nodes, in the graph's (flat) order. */
  readonly entries: readonly PeekEntry[];
}

export interface PeekOptions {
  /** Order by cum instead of flat (pprof -cum). */
  readonly cumSort?: boolean;
}

export function peekFromStacks(profile: Profile, stacks: Stacks, pattern: RegExp, options: PeekOptions = {}): PeekReport {
  const graph = callGraphFromStacks(profile, stacks, {
    nodeCount: 0,
    nodeFraction: 0,
    edgeFraction: 0,
    visual: false,
    cumSort: options.cumSort,
  });
  return { graph, entries: graphEntries(graph, (name) => pattern.test(name)) };
}

/** `regex` uses Go's syntax, as pprof's -peek does; a bad one throws an OptionError. */
export function buildPeek(profile: Profile, regex: string, options: ReportOptions & PeekOptions = {}): PeekReport {
  const pattern = compileGoRegexp('peek', regex);
  return peekFromStacks(profile, buildStacks(profile, options), pattern, options);
}

/** Every node of the graph that `matches` accepts, with its in and out edges. */
export function graphEntries(graph: CallGraph, matches: (name: string) => boolean): PeekEntry[] {
  const callers: CallGraphEdge[][] = graph.nodes.map(() => []);
  const callees: CallGraphEdge[][] = graph.nodes.map(() => []);
  // graph.edges are already in pprof's edge order, so each list stays in that order.
  for (const e of graph.edges) {
    callees[e.from]!.push(e);
    callers[e.to]!.push(e);
  }
  return graph.nodes
    .filter((n) => matches(n.name))
    .map((node) => ({ node, callers: callers[node.id]!, callees: callees[node.id]! }));
}
