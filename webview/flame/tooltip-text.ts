/** The words and numbers shown for a frame: tooltip lines, SVG titles, screen-reader text. */
import { formatPercent, formatValue } from '../../src/shared/units';
import type { FlameGraphModel } from './model';
import { frameRef, nodeName } from './model';
import { mergedLabel } from './labels';

/** One line of the hover card; `className` lets tests and styles find it (e.g. "gp-total"). */
export interface TooltipLine {
  readonly className: string;
  readonly text: string;
}

export interface TooltipContent {
  readonly name: string;
  /** "file:line", or "" when the frame has no file. */
  readonly location: string;
  readonly lines: readonly TooltipLine[];
  /** Exact value of the frame, kept on the element for tests and assistive tools. */
  readonly value: number;
}

/** What the graph says about frames; default: value, share of the total and of the parent, self. */
export interface FlameFrameText {
  /** The hover card of a node. */
  tooltip(node: number): TooltipContent;
  /** The hover card of a block of `count` sub-pixel frames that together hold `value`. */
  merged(count: number, value: number): TooltipContent;
  /** One line for a node: SVG titles and the screen-reader announcement. */
  describe(node: number): string;
}

function totalOf(model: FlameGraphModel): number {
  return model.tree.value.length > 0 ? model.tree.value[0]! : 0;
}

function percent(value: number, of: number): string {
  return formatPercent(value, of).trim();
}

/** "file:line", "file", or "" for the tooltip's location line. */
export function frameLocation(model: FlameGraphModel, node: number): string {
  const ref = frameRef(model, node);
  return ref.file === '' ? '' : ref.line > 0 ? `${ref.file}:${ref.line}` : ref.file;
}

export function frameTooltip(model: FlameGraphModel, node: number): TooltipContent {
  const { value, self, parent } = model.tree;
  const unit = model.unit;
  const total = totalOf(model);
  const v = value[node]!;
  const p = node > 0 ? parent[node]! : -1;
  const parentValue = p >= 0 ? value[p]! : v;
  return {
    name: nodeName(model, node),
    location: frameLocation(model, node),
    lines: [
      { className: 'gp-total', text: `Total: ${formatValue(v, unit)} (${percent(v, total)} of all)` },
      { className: 'gp-parent', text: `Of parent: ${percent(v, parentValue)}` },
      { className: 'gp-self', text: `Self: ${formatValue(self[node]!, unit)} (${percent(self[node]!, total)} of all)` },
    ],
    value: v,
  };
}

/** For a block of `count` merged sub-pixel frames holding `value`. */
export function mergedTooltip(model: FlameGraphModel, count: number, value: number): TooltipContent {
  return {
    name: mergedLabel(count),
    location: '',
    lines: [
      { className: 'gp-total', text: `Total: ${formatValue(value, model.unit)} (${percent(value, totalOf(model))} of all)` },
      { className: 'gp-parent', text: 'Click to zoom in on them' },
    ],
    value,
  };
}

/** One line: "name: value (percent)". */
export function describeFrame(model: FlameGraphModel, node: number): string {
  const v = model.tree.value[node]!;
  return `${nodeName(model, node)}: ${formatValue(v, model.unit)} (${percent(v, totalOf(model))})`;
}

/** The plain flame graph's words: value, share of the total and of the parent, self. */
export function plainFrameText(model: () => FlameGraphModel): FlameFrameText {
  return {
    tooltip: (node) => frameTooltip(model(), node),
    merged: (count, value) => mergedTooltip(model(), count, value),
    describe: (node) => describeFrame(model(), node),
  };
}
