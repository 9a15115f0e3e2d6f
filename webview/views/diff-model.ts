/**
 * A comparison drawn by the flame graph: every path of either profile, as wide as base plus
 * current (so what shrank or disappeared stays visible, as in pprof's diff flame graph), each
 * frame's change measured against the base total like `go tool pprof -diff_base`.
 *
 * Normalised, the current profile is scaled so its total equals the base's, as pprof's
 * -normalize does, and every number (widths, colours, deltas, the list) follows.
 */
import { formatPercent, formatValue } from '../../src/shared/units';
import type { StackTreeView } from '../../src/shared/view-model';
import { nodeName, type FlameGraphModel } from '../flame/model';
import type { TooltipContent } from '../flame/tooltip-text';
import { frameLocation } from '../flame/tooltip-text';

export interface DiffFlame {
  /** What the flame graph draws: widths are base + current. */
  readonly model: FlameGraphModel;
  /** Per node: the current profile's value and self (scaled when normalised), the base's. */
  readonly current: Float64Array;
  readonly currentSelf: Float64Array;
  readonly base: Float64Array;
  readonly baseSelf: Float64Array;
  /** What changes are measured against: the base total (the current one when the base is empty). */
  readonly total: number;
  /** The factor the current profile was scaled by (1 unless normalised). */
  readonly scale: number;
  readonly unit: string;
}

/** One function's change of self (flat) value, as a `-top -diff_base` row shows it. */
export interface DiffChange {
  readonly name: string;
  readonly base: number;
  readonly current: number;
  readonly delta: number;
  /** The widest node of the function (to reveal it in the graph). */
  readonly node: number;
}

/** True when the tree carries a comparison. */
export function isComparison(view: StackTreeView): boolean {
  return view.base !== undefined;
}

/** pprof -normalize: the current profile scaled by base total / current total (0 when the current one is empty). */
export function normaliseScale(view: StackTreeView): number {
  const totals = view.comparison;
  if (!totals) return 1;
  return totals.current === 0 ? 0 : totals.base / totals.current;
}

export function diffFlame(view: StackTreeView, normalise: boolean): DiffFlame {
  const n = view.value.length;
  const base = view.base ?? new Float64Array(n);
  const baseSelf = view.baseSelf ?? new Float64Array(n);
  const scale = normalise ? normaliseScale(view) : 1;
  const current = view.value.map((v) => v * scale);
  const currentSelf = view.self.map((v) => v * scale);
  const value = new Float64Array(n);
  const self = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    value[i] = current[i]! + base[i]!;
    self[i] = currentSelf[i]! + baseSelf[i]!;
  }
  const totals = view.comparison;
  const total = totals ? (totals.base !== 0 ? totals.base : totals.current * scale) : base[0] || current[0] || 0;
  return {
    model: { unit: view.unit, rootName: 'root', tree: { frames: view.frames, parent: view.parent, frame: view.frame, value, self } },
    current,
    currentSelf,
    base,
    baseSelf,
    total,
    scale,
    unit: view.unit,
  };
}

/** A node's change as a share of the total: what its colour shows (signed). */
export function changeShare(diff: DiffFlame, node: number): number {
  return diff.total === 0 ? 0 : (diff.current[node]! - diff.base[node]!) / diff.total;
}

/** "+896kB" / "-1.20s" / "0". */
export function signedValue(value: number, unit: string): string {
  const text = formatValue(value, unit);
  return value > 0 ? `+${text}` : text;
}

/** "+12.5%" of the total, like pprof -diff_base's percentages. */
export function signedShare(value: number, total: number): string {
  const text = formatPercent(value, total).trim();
  return value < 0 ? `-${text}` : value > 0 ? `+${text}` : text;
}

/**
 * Every function whose self value changed, biggest |delta| first: those that grew and those
 * that shrank, each at most `limit` long.
 */
export function biggestChanges(diff: DiffFlame, limit: number): { grew: DiffChange[]; shrank: DiffChange[] } {
  const byName = new Map<string, { base: number; current: number; node: number }>();
  const { tree } = diff.model;
  for (let v = 1; v < tree.value.length; v++) {
    const name = nodeName(diff.model, v);
    let entry = byName.get(name);
    if (!entry) {
      entry = { base: 0, current: 0, node: v };
      byName.set(name, entry);
    }
    entry.base += diff.baseSelf[v]!;
    entry.current += diff.currentSelf[v]!;
    if (tree.value[v]! > tree.value[entry.node]!) entry.node = v;
  }
  const all: DiffChange[] = [];
  for (const [name, e] of byName) {
    const delta = e.current - e.base;
    if (delta !== 0) all.push({ name, base: e.base, current: e.current, delta, node: e.node });
  }
  all.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { grew: all.filter((c) => c.delta > 0).slice(0, limit), shrank: all.filter((c) => c.delta < 0).slice(0, limit) };
}

/** The hover card of a frame: base, current, delta and self, all against the same total. */
export function diffTooltip(diff: DiffFlame, node: number): TooltipContent {
  const { unit, total } = diff;
  const b = diff.base[node]!;
  const c = diff.current[node]!;
  const delta = c - b;
  const normalised = diff.scale !== 1 ? ' (normalised)' : '';
  const relative = b === 0 ? (c === 0 ? '' : ', new') : `, ${signedShare(delta, b)} of its base`;
  return {
    name: nodeName(diff.model, node),
    location: frameLocation(diff.model, node),
    lines: [
      { className: 'gp-base', text: `Base: ${formatValue(b, unit)} (${formatPercent(b, total).trim()} of base total)` },
      { className: 'gp-current', text: `Current${normalised}: ${formatValue(c, unit)}` },
      { className: 'gp-delta', text: `Delta: ${signedValue(delta, unit)} (${signedShare(delta, total)} of base total${relative})` },
      { className: 'gp-self', text: `Self: ${formatValue(diff.baseSelf[node]!, unit)} → ${formatValue(diff.currentSelf[node]!, unit)}` },
    ],
    value: delta,
  };
}

/** One line for a frame (SVG title, screen readers). */
export function describeChange(diff: DiffFlame, node: number): string {
  const b = diff.base[node]!;
  const c = diff.current[node]!;
  return `${nodeName(diff.model, node)}: ${formatValue(b, diff.unit)} → ${formatValue(c, diff.unit)} (${signedValue(c - b, diff.unit)})`;
}
