/**
 * The text of `go tool pprof -tree` and `-peek`: for each node, its callers above it, the node
 * with flat, flat%, sum%, cum, cum%, and its callees below, each edge with its share of the
 * node's cum. Values are printed in one unit chosen as pprof chooses it.
 */
import type { CallGraph } from './callgraph';
import type { PeekEntry } from './peek';
import { chooseOutputUnit, formatPercent } from '../shared/units';
import { formatExactValue } from './exact-values';
import { printable, type Controls } from './printable';

const SEPARATOR = '----------------------------------------------------------+-------------';
const LEGEND = '      flat  flat%   sum%        cum   cum%   calls calls% + context \t \t ';

export interface GraphTextOptions {
  /** Lines above the report (File:, Type:, Time:, ...). */
  readonly profileLabels?: readonly string[];
  /** The node fraction the graph was built with, for the "Dropped N nodes" line. */
  readonly nodeFraction?: number;
  /** Control characters in the profile's strings: escaped (the default, a terminal) or as they are (printable.ts). */
  readonly controls?: Controls;
}

export function formatGraphText(graph: CallGraph, entries: readonly PeekEntry[], options: GraphTextOptions = {}): string {
  const controls = options.controls ?? 'escape';
  const unit = printable(graph.sampleType.unit, controls);
  const outputUnit = chooseOutputUnit(graph.nodes, graph.total, unit);
  // Exact integers where the graph has them (past 2^53) and the value prints unscaled. A big
  // graph prints few distinct values many times (CPU samples are multiples of the period), and
  // each name on several lines: both are formatted once.
  const formatted = new Map<number, string>();
  const value = (v: number, exact?: bigint): string => {
    if (exact !== undefined) return formatExactValue(v, exact, unit, outputUnit);
    let text = formatted.get(v);
    if (text === undefined) {
      text = formatExactValue(v, undefined, unit, outputUnit);
      formatted.set(v, text);
    }
    return text;
  };
  const names: (string | undefined)[] = new Array<string | undefined>(graph.nodes.length);
  const nameOf = (id: number): string => (names[id] ??= printable(graph.nodes[id]!.name, controls));
  const out: string[] = [...(options.profileLabels ?? []), ...graphLabels(graph, value, options.nodeFraction ?? 0)];
  out.push(SEPARATOR, LEGEND);
  let flatSum = 0;
  for (const { node, callers, callees } of entries) {
    out.push(SEPARATOR);
    for (const e of callers) out.push(edgeLine(value(e.weight, e.exactWeight), e.weight, node.cum, nameOf(e.from), e.inline));
    flatSum += node.flat;
    out.push(
      `${pad(value(node.flat, node.exactFlat), 10)} ${formatPercent(node.flat, graph.total)} ${formatPercent(flatSum, graph.total)} ` +
        `${pad(value(node.cum, node.exactCum), 10)} ${formatPercent(node.cum, graph.total)}                | ${nameOf(node.id)}`,
    );
    for (const e of callees) out.push(edgeLine(value(e.weight, e.exactWeight), e.weight, node.cum, nameOf(e.to), e.inline));
  }
  if (graph.nodes.length > 0) out.push(SEPARATOR);
  return out.join('\n') + '\n';
}

/** pprof's reportLabels without the profile labels: what was shown, dropped and kept. */
export function graphLabels(graph: CallGraph, value: (v: number, exact?: bigint) => string, nodeFraction: number): string[] {
  const out = [
    `Showing nodes accounting for ${value(graph.shownTotal, graph.exactShownTotal)}, ${formatPercent(graph.shownTotal, graph.total).trim()} of ${value(graph.total, graph.exactTotal)} total`,
  ];
  if (graph.total !== 0) {
    if (graph.droppedNodes > 0) {
      const cutoff = value(Math.abs(Math.trunc(graph.total * nodeFraction)));
      out.push(`Dropped ${graph.droppedNodes} node${graph.droppedNodes > 1 ? 's' : ''} (cum <= ${cutoff})`);
    }
    if (graph.nodes.length > 0 && graph.nodes.length < graph.origCount) {
      out.push(`Showing top ${graph.nodes.length} nodes out of ${graph.origCount}`);
    }
  }
  return out;
}

/** `name`: already printable. */
function edgeLine(text: string, weight: number, cum: number, name: string, inline: boolean): string {
  return `${pad(text, 50)} ${formatPercent(weight, cum)} |   ${name}${inline ? ' (inline)' : ''}`;
}

function pad(s: string, width: number): string {
  return s.length >= width ? s : ' '.repeat(width - s.length) + s;
}
