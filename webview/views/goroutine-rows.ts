/**
 * The goroutines list as flat rows for the virtual table: groups by stack (or under a header
 * per state / per wait time), sorted by count or by growth against a base, filtered, with the
 * frames of the expanded groups as rows of their own.
 */
import { stateText, waitText, type GoroutineGroupView, type GoroutinesView } from '../../src/shared/goroutines-view';

export type GoroutineGrouping = 'stack' | 'state' | 'wait';
export type GoroutineSort = 'count' | 'growth';

export type GoroutineRow =
  | { readonly kind: 'bucket'; readonly label: string; readonly count: number; readonly groups: number }
  | { readonly kind: 'group'; readonly group: number }
  | { readonly kind: 'frame'; readonly group: number; readonly frame: number; readonly createdBy: boolean }
  | { readonly kind: 'ids'; readonly group: number };

export interface RowOptions {
  readonly grouping: GoroutineGrouping;
  readonly sort: GoroutineSort;
  readonly filter: RegExp | undefined;
  readonly expanded: ReadonlySet<number>;
}

export function growth(group: GoroutineGroupView): number {
  return group.count - (group.baseCount ?? 0);
}

/** The frame a group is named by: its innermost frame outside the runtime. */
export function groupLabel(view: GoroutinesView, group: GoroutineGroupView): string {
  const names = group.frames.map((i) => view.frames[i]?.name ?? '?');
  return names.find((n) => !n.startsWith('runtime.') && !n.startsWith('internal/')) ?? names[0] ?? '(no frames)';
}

export function groupMatches(view: GoroutinesView, group: GoroutineGroupView, pattern: RegExp): boolean {
  if (pattern.test(stateText(group))) return true;
  const frames = group.createdBy === undefined ? group.frames : [...group.frames, group.createdBy];
  if (frames.some((i) => pattern.test(view.frames[i]?.name ?? '') || pattern.test(view.frames[i]?.file ?? ''))) return true;
  return group.ids.some((id) => pattern.test(`goroutine ${id}`));
}

/** Indexes of the groups in display order. */
function ordered(view: GoroutinesView, options: RowOptions): number[] {
  const keep: number[] = [];
  view.groups.forEach((g, i) => {
    if (!options.filter || groupMatches(view, g, options.filter)) keep.push(i);
  });
  const key = options.sort === 'growth' ? growth : (g: GoroutineGroupView): number => g.count;
  // Stable: equal keys keep the worker's order (largest first, then by name).
  return keep.sort((a, b) => key(view.groups[b]!) - key(view.groups[a]!) || a - b);
}

function pushGroup(rows: GoroutineRow[], group: GoroutineGroupView, index: number, expanded: ReadonlySet<number>): void {
  rows.push({ kind: 'group', group: index });
  if (!expanded.has(index)) return;
  for (const frame of group.frames) rows.push({ kind: 'frame', group: index, frame, createdBy: false });
  if (group.createdBy !== undefined) rows.push({ kind: 'frame', group: index, frame: group.createdBy, createdBy: true });
  if (group.ids.length > 0) rows.push({ kind: 'ids', group: index });
}

/** Buckets for "by state" (a group with several states is under each) and "by wait time". */
function buckets(view: GoroutinesView, order: readonly number[], grouping: 'state' | 'wait'): Map<string, { count: number; groups: number[] }> {
  const out = new Map<string, { count: number; groups: number[] }>();
  const add = (label: string, count: number, group: number): void => {
    const bucket = out.get(label) ?? { count: 0, groups: [] };
    bucket.count += count;
    bucket.groups.push(group);
    out.set(label, bucket);
  };
  for (const i of order) {
    const g = view.groups[i]!;
    if (grouping === 'wait') add(waitText(g) || 'no wait time printed', g.count, i);
    else if (g.states.length === 0) add('state unknown (profile samples)', g.count, i);
    else for (const s of g.states) add(s.state, s.count, i);
  }
  return out;
}

export function goroutineRows(view: GoroutinesView, options: RowOptions): GoroutineRow[] {
  const order = ordered(view, options);
  const rows: GoroutineRow[] = [];
  if (options.grouping === 'stack') {
    for (const i of order) pushGroup(rows, view.groups[i]!, i, options.expanded);
    return rows;
  }
  const byLabel = buckets(view, order, options.grouping);
  // By state: most goroutines first; by wait: longest wait first.
  const maxWait = (b: { groups: number[] }): number => Math.max(...b.groups.map((i) => view.groups[i]!.maxWaitMinutes));
  const sorted = [...byLabel].sort(([, a], [, b]) => (options.grouping === 'wait' ? maxWait(b) - maxWait(a) : 0) || b.count - a.count);
  for (const [label, bucket] of sorted) {
    rows.push({ kind: 'bucket', label, count: bucket.count, groups: bucket.groups.length });
    for (const i of bucket.groups) pushGroup(rows, view.groups[i]!, i, options.expanded);
  }
  return rows;
}
