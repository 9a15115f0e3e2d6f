/** Stack trees (flame graph, call trees) and peek data for the webview, from a decoded Profile. */
import { quoteGoRegexp } from '../shared/go-regexp';
import type { Profile } from '../pprof';
import type { ReportOptions } from '../analysis/options';
import { buildStacks, type Stacks } from '../analysis/stacks';
import { buildStackTrie, type StackTrie } from '../analysis/stack-trie';
import { buildPeek } from '../analysis/peek';
import { formatPercent, formatValue } from '../shared/units';
import type { PeekRowView, PeekView } from '../shared/peek-view';
import type { TreeDirection } from '../shared/tree-view';
import type { StackTreeView } from '../shared/view-model';

/** `stacks`: buildStacks(profile, options) when already built. */
export function stackTrie(profile: Profile, options: ReportOptions, direction: TreeDirection, stacks?: Stacks): StackTrie {
  return buildStackTrie(stacks ?? buildStacks(profile, options), { direction: direction === 'top-down' ? 'root-first' : 'leaf-first' });
}

export function stackTreeView(trie: StackTrie, sampleIndex: number, unit: string): StackTreeView {
  return {
    sampleIndex,
    unit,
    total: trie.total,
    totalText: formatValue(trie.total, unit),
    frames: trie.frames.map((f) => ({ name: f.name, file: f.file, line: f.line, startLine: f.startLine })),
    frame: trie.frame,
    parent: trie.parent,
    firstChild: trie.firstChild,
    childCount: trie.childCount,
    value: trie.value,
    self: trie.self,
  };
}

export function buildPeekView(profile: Profile, options: ReportOptions, name: string, unit: string): PeekView {
  const report = buildPeek(profile, `^${quoteGoRegexp(name)}$`, options);
  const { graph } = report;
  const entry = report.entries.find((e) => e.node.name === name);
  const format = (v: number): string => formatValue(v, unit);
  const share = (v: number): string => formatPercent(v, graph.total).trim();
  const row = (node: number, weight: number): PeekRowView => ({
    name: graph.nodes[node]?.name ?? '',
    value: weight,
    valueText: format(weight),
    percent: share(weight),
  });
  if (!entry) return { name, flatText: format(0), cumText: format(0), callers: [], callees: [] };
  return {
    name,
    flatText: format(entry.node.flat),
    cumText: format(entry.node.cum),
    callers: entry.callers.map((e) => row(e.from, e.weight)),
    callees: entry.callees.map((e) => row(e.to, e.weight)),
  };
}
