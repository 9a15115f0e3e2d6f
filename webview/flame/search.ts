import { formatPercent, formatValue } from '../../src/shared/units';
import type { FlameGraphModel } from './model';
import type { TreeIndex } from './tree-index';

export interface FlameSearchSummary {
  readonly matches: number;
  readonly matchedValue: number;
  readonly total: number;
  /** e.g. "0.40%". */
  readonly percent: string;
}

export interface SearchResult {
  readonly regex: RegExp;
  /** Per frame-table index: 1 when the frame's name matches. */
  readonly frameMatches: Uint8Array;
  /** Matching nodes in depth-first (left to right, top down) order. */
  readonly nodes: Int32Array;
  /** Value of the samples whose stack holds a match, each counted once however many match. */
  readonly matchedValue: number;
  readonly total: number;
}

export function matchFrames(model: FlameGraphModel, regex: RegExp): Uint8Array {
  const frames = model.tree.frames;
  const out = new Uint8Array(frames.length);
  const re = new RegExp(regex.source, regex.flags.replace(/[gy]/g, ''));
  for (let f = 0; f < frames.length; f++) if (re.test(frames[f]!.name)) out[f] = 1;
  return out;
}

/**
 * Searches frame names. A matching node's value counts only when no ancestor matched, so
 * nested matches (recursion, or a match calling a match) are not counted twice.
 */
export function searchFlame(model: FlameGraphModel, index: TreeIndex, regex: RegExp): SearchResult {
  const frameMatches = matchFrames(model, regex);
  const nodes: number[] = [];
  let matchedValue = 0;
  // Depth-first with a flag telling whether an ancestor matched.
  const stack: number[] = [];
  const under: number[] = [];
  if (index.count > 0) {
    stack.push(0);
    under.push(0);
  }
  while (stack.length > 0) {
    const node = stack.pop()!;
    let inside = under.pop()!;
    const f = model.tree.frame[node]!;
    if (f >= 0 && frameMatches[f] === 1) {
      nodes.push(node);
      if (inside === 0) matchedValue += model.tree.value[node]!;
      inside = 1;
    }
    const start = index.childStart[node]!;
    for (let c = start + index.childCount[node]! - 1; c >= start; c--) {
      stack.push(index.children[c]!);
      under.push(inside);
    }
  }
  return {
    regex,
    frameMatches,
    nodes: Int32Array.from(nodes),
    matchedValue,
    total: index.count > 0 ? model.tree.value[0]! : 0,
  };
}

export function summarizeSearch(result: SearchResult): FlameSearchSummary {
  return {
    matches: result.nodes.length,
    matchedValue: result.matchedValue,
    total: result.total,
    percent: formatPercent(result.matchedValue, result.total).trim(),
  };
}

/** "3 matches · 12.5% of total (1.20s)". */
export function searchStatus(summary: FlameSearchSummary, unit: string): string {
  return `${summary.matches} ${summary.matches === 1 ? 'match' : 'matches'} · ${summary.percent} of total (${formatValue(summary.matchedValue, unit)})`;
}
