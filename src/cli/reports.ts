/** Runs one report command on a profile and returns what to print. */
import { OptionError } from '../shared/option-error';
import type { Profile, ProfileMetadata } from '../pprof/profile';
import { FrameBudgetError } from '../analysis/frame-budget';
import { buildStacks, type Stacks } from '../analysis/stacks';
import { ProfileError } from '../pprof/errors';
import { compareBytes, topTable, topTableOfTotals, type TopTable } from '../analysis/top';
import { callGraphFromStacks, type CallGraph } from '../analysis/callgraph';
import { graphEntries, type PeekEntry } from '../analysis/peek';
import { formatGraphText } from '../analysis/graph-text';
import { formatStacksAsTracesBytes, tracesFromStacks } from '../analysis/traces';
import { tracesBytes } from '../analysis/traces-bytes';
import { foldedFromStacks, foldedJsonName, foldedName, foldedRows } from '../analysis/folded';
import { compileGoRegexp } from '../shared/go-regexp';
import { chooseOutputUnit } from '../shared/units';
import type { CliArgs } from './args';
import { activeFilters, profileLabels } from './report-text';
import { formatTopText, profileHeader } from '../analysis/top-text';
import { jsonText } from './json-text';
import { loadProfile, loadTopTotals } from './load';
import { buildLabels } from '../analysis/labels';
import { formatTagsText } from '../analysis/tags-text';
import type { Controls } from '../analysis/printable';

/** A report's text, or (a big -traces) the bytes to print as they are. */
export type ReportText = string | Uint8Array;

/** `controls`: how the text (not --json) writes control characters of the profile's strings (analysis/printable.ts). */
export async function runReport(args: CliArgs, controls: Controls = 'escape'): Promise<ReportText> {
  const fromRuns = await loadTopTotals(args);
  if (fromRuns !== undefined) return top(topTableOfTotals(fromRuns.totals), fromRuns.profile, args, controls);
  const profile = await loadProfile(args);
  try {
    return report(profile, args, controls);
  } catch (error) {
    if (!(error instanceof FrameBudgetError)) throw error;
    throw new ProfileError(args.file, `${error.message} (--frame-budget ${error.frames} would allow it)`);
  }
}

function report(profile: Profile, args: CliArgs, controls: Controls): ReportText {
  switch (args.command) {
    case 'top':
    case 'diff':
      return top(topTable(profile, args.report), profile, args, controls);
    case 'tree':
      return graphReport(profile, args, undefined, controls);
    case 'peek':
      return graphReport(profile, args, compileGoRegexp('peek', args.regex ?? ''), controls);
    case 'traces':
      return traces(profile, args, controls);
    case 'folded':
      return folded(profile, args, controls);
    case 'tags':
      return tags(profile, args, controls);
  }
}

function top(table: TopTable, profile: ProfileMetadata, args: CliArgs, controls: Controls): string {
  // pprof -cum: |cum| descending, then name, then |flat| descending.
  if (args.cum) {
    table.rows.sort(
      (a, b) => Math.abs(b.cum) - Math.abs(a.cum) || compareBytes(a.name, b.name) || Math.abs(b.flat) - Math.abs(a.flat),
    );
  }
  if (!args.json) {
    return formatTopText(table, { header: profileHeader(profile), filters: args.report, nodeCount: args.nodeCount, controls });
  }
  const rows = table.rows.map((r) => ({ name: r.name, file: r.file, line: r.line, flat: r.exactFlat ?? r.flat, cum: r.exactCum ?? r.cum }));
  const total = table.exactTotal ?? table.total;
  return jsonText({ sampleType: table.sampleType.type, unit: table.sampleType.unit, total, rows }, table.exactTotal !== undefined);
}

/** pprof -tree (all nodes, trimmed like pprof) or -peek (untrimmed, matching nodes only). */
function graphReport(profile: Profile, args: CliArgs, pattern: RegExp | undefined, controls: Controls): string {
  const stacks = buildStacks(profile, args.report);
  const trim = pattern === undefined;
  const nodeFraction = trim ? 0.005 : 0;
  const graph = callGraphFromStacks(profile, stacks, {
    visual: false,
    cumSort: args.cum,
    nodeCount: args.nodeCount ?? (trim ? 80 : 0),
    nodeFraction,
    edgeFraction: trim ? 0.001 : 0,
    exact: true,
  });
  const entries = graphEntries(graph, (name) => pattern === undefined || pattern.test(name));
  // pprof -peek fails, printing no report, when no node matches (all values zero included).
  if (pattern !== undefined && entries.length === 0) throw new OptionError(`no matches found for regexp: ${args.regex ?? ''}`);
  if (args.json) return graphJson(graph, entries);
  const outputUnit = chooseOutputUnit(graph.nodes, graph.total, graph.sampleType.unit);
  const labels = [
    ...profileLabels(profile, graph.sampleType.type, graph.total, graph.sampleType.unit, outputUnit, controls),
    ...activeFilters(args.report, controls),
  ];
  return formatGraphText(graph, entries, { profileLabels: labels, nodeFraction, controls });
}

function graphJson(graph: CallGraph, entries: readonly PeekEntry[]): string {
  const frame = (id: number): { name: string; file: string; line: number } => {
    const node = graph.nodes[id]!;
    const f = graph.frames[node.frame]!;
    return { name: node.name, file: f.file, line: f.line };
  };
  const rows = entries.map(({ node, callers, callees }) => ({
    ...frame(node.id),
    flat: node.exactFlat ?? node.flat,
    cum: node.exactCum ?? node.cum,
    callers: callers.map((e) => ({ name: graph.nodes[e.from]!.name, weight: e.exactWeight ?? e.weight, inline: e.inline })),
    callees: callees.map((e) => ({ name: graph.nodes[e.to]!.name, weight: e.exactWeight ?? e.weight, inline: e.inline })),
  }));
  const total = graph.exactTotal ?? graph.total;
  return jsonText({ sampleType: graph.sampleType.type, unit: graph.sampleType.unit, total, rows }, graph.exactTotal !== undefined);
}

function traces(profile: Profile, args: CliArgs, controls: Controls): ReportText {
  if (!args.json) {
    const bytes = tracesBytes(profile, args.report, ({ type, unit }, total) => profileLabels(profile, type, total, unit, 'minimum', controls), controls);
    if (bytes !== undefined) return bytes;
  }
  const stacks = buildStacks(profile, args.report, { mergeStacks: false, keepZeroValues: true });
  const { type, unit } = stacks.sampleType;
  if (!args.json) return formatStacksAsTracesBytes(profile, stacks, unit, profileLabels(profile, type, stacks.total, unit, 'minimum', controls), controls);
  const report = tracesFromStacks(profile, stacks);
  const rows = report.traces.map((t) => ({
    value: t.exactValue ?? t.value,
    frames: t.frames.map((f, i) => ({ name: report.frames[f]!.name, inline: t.inlined[i] ?? false })),
    labels: t.labels,
    numLabels: t.numLabels,
  }));
  return jsonText({ sampleType: type, unit, total: stacks.exactTotal ?? report.total, rows }, stacks.exactTotal !== undefined);
}

function folded(profile: Profile, args: CliArgs, controls: Controls): string {
  const stacks: Stacks = buildStacks(profile, args.report);
  if (args.json) {
    const rows = foldedRows(stacks, foldedJsonName);
    const total = stacks.exactTotal ?? stacks.total;
    return jsonText({ sampleType: stacks.sampleType.type, unit: stacks.sampleType.unit, total, rows }, stacks.exactTotal !== undefined);
  }
  const lines = foldedFromStacks(stacks, (name) => foldedName(name, controls));
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}

/** pprof -tags: every label key with its values' share; --json gives the raw numbers and each value's tagfocus expression. */
function tags(profile: Profile, args: CliArgs, controls: Controls): string {
  const report = buildLabels(profile, args.report);
  return args.json ? jsonText(report, false) : formatTagsText(report, controls);
}
