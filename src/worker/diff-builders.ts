/** The data a comparison ("Compare with…") adds to the views: the diff flame tree and both totals. */
import type { Profile } from '../pprof';
import type { StackTrie } from '../analysis/stack-trie';
import { compareBytes } from '../analysis/top';
import { computeTotal } from '../analysis/total';
import type { Frame } from '../analysis/frames';
import type { ComparisonTotals } from '../shared/diff-view';
import { formatValue } from '../shared/units';
import type { StackTreeView } from '../shared/view-model';
import { stackTreeView } from './tree-builders';

/** Each profile's total as pprof reports it (all samples, before filters), formatted once for every view. */
export function comparisonTotals(current: Profile, base: Profile, sampleIndex: number, unit: string): ComparisonTotals {
  const c = computeTotal(current, sampleIndex);
  const b = computeTotal(base, sampleIndex);
  return { base: b, current: c, baseText: formatValue(b, unit), currentText: formatValue(c, unit) };
}

/**
 * The flame tree of a comparison: every path of names found in either profile, with the
 * current profile's value and self (0 on a path only the base has) and the base's (0 on a
 * path only the current profile has). Children of both tries are sorted by name bytes, so one
 * merge per node pairs them; nodes are laid out breadth first, children contiguous and sorted.
 */
export function diffFlameView(current: StackTrie, base: StackTrie, sampleIndex: number, unit: string, baseSource: string, comparison: ComparisonTotals): StackTreeView {
  const frames: Frame[] = [...current.frames];
  const frameByName = new Map<string, number>();
  current.frames.forEach((f, i) => {
    if (!frameByName.has(f.name)) frameByName.set(f.name, i);
  });
  const unionFrame = (baseFrame: number): number => {
    const f = base.frames[baseFrame]!;
    let i = frameByName.get(f.name);
    if (i === undefined) {
      i = frames.length;
      frames.push(f);
      frameByName.set(f.name, i);
    }
    return i;
  };
  const name = (t: StackTrie, n: number): string => t.frames[t.frame[n]!]?.name ?? '';

  // Pairs (current node, base node) in breadth-first order; -1 where a profile lacks the path.
  const cur: number[] = [current.count > 0 ? 0 : -1];
  const bas: number[] = [base.count > 0 ? 0 : -1];
  const frame: number[] = [-1];
  const parent: number[] = [-1];
  const firstChild: number[] = [];
  const childCount: number[] = [];
  for (let u = 0; u < cur.length; u++) {
    const c = cur[u]!;
    const b = bas[u]!;
    firstChild.push(cur.length);
    let i = c >= 0 ? current.firstChild[c]! : 0;
    const iEnd = c >= 0 ? i + current.childCount[c]! : 0;
    let j = b >= 0 ? base.firstChild[b]! : 0;
    const jEnd = b >= 0 ? j + base.childCount[b]! : 0;
    while (i < iEnd || j < jEnd) {
      const order = i >= iEnd ? 1 : j >= jEnd ? -1 : compareBytes(name(current, i), name(base, j));
      cur.push(order <= 0 ? i : -1);
      bas.push(order >= 0 ? j : -1);
      frame.push(order <= 0 ? current.frame[i]! : unionFrame(base.frame[j]!));
      parent.push(u);
      if (order <= 0) i++;
      if (order >= 0) j++;
    }
    childCount.push(cur.length - firstChild[u]!);
  }
  const pick = (nodes: readonly number[], values: Float64Array): Float64Array => Float64Array.from(nodes, (n) => (n >= 0 ? values[n]! : 0));
  const view = stackTreeView({ ...current, frames }, sampleIndex, unit);
  return {
    ...view,
    frame: Int32Array.from(frame),
    parent: Int32Array.from(parent),
    firstChild: Int32Array.from(firstChild),
    childCount: Int32Array.from(childCount),
    value: pick(cur, current.value),
    self: pick(cur, current.self),
    base: pick(bas, base.value),
    baseSelf: pick(bas, base.self),
    baseSource,
    comparison,
  };
}
