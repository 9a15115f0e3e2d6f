/** The call graph view's data: pprof's -dot node and edge selection, formatted like its labels. */
import type { Profile } from '../pprof';
import { buildCallGraph } from '../analysis/callgraph';
import { selectSampleType } from '../analysis/sample-type';
import { chooseOutputUnit, formatPercent, formatValue } from '../shared/units';
import type { CallGraphParams, CallGraphView } from '../shared/callgraph-view';
import { toReportOptions } from './report-options';

export function buildCallGraphView(profile: Profile, params: CallGraphParams): CallGraphView {
  const sampleIndex = selectSampleType(profile, params.sampleIndex);
  const { nodeCount, nodeFraction, edgeFraction } = params;
  const callTree = params.callTree ?? false;
  const graph = buildCallGraph(profile, { ...toReportOptions(params, sampleIndex), nodeCount, nodeFraction, edgeFraction, visual: true, callTree });
  const unit = graph.sampleType.unit;
  const total = graph.total;
  // Like pprof's -dot: every value in one unit, chosen from the smallest node.
  const outputUnit = chooseOutputUnit(graph.nodes, total, unit);
  const value = (v: number): string => formatValue(v, unit, outputUnit);
  const text = (v: number): string => `${value(v)} (${formatPercent(v, total).trim()})`;
  const nodes = graph.nodes.map((n) => {
    const f = graph.frames[n.frame];
    return {
      name: n.name,
      file: f?.file ?? '',
      line: f?.line ?? 0,
      startLine: f?.startLine ?? 0,
      flat: n.flat,
      cum: n.cum,
      flatText: n.flat === 0 ? '0' : text(n.flat),
      cumText: text(n.cum),
    };
  });
  const edges = graph.edges.map((e) => ({ ...e, weightText: value(e.weight) }));
  return {
    sampleIndex,
    unit,
    total,
    totalText: formatValue(total, unit),
    nodes,
    edges,
    droppedNodes: graph.droppedNodes,
    droppedEdges: graph.droppedEdges,
    shownText: `Showing nodes accounting for ${formatValue(graph.shownTotal, unit)}, ${formatPercent(graph.shownTotal, total)} of ${formatValue(total, unit)} total`,
  };
}
