/** The words and numbers shown for a frame: tooltip lines, SVG titles, screen-reader text. */
import { formatPercent, formatValue } from '../../src/shared/units';
import type { FlameGraphModel } from './model';
import { frameRef, nodeName } from './model';
import type { TooltipContent } from './tooltip';
import { mergedLabel } from './draw';

function totalOf(model: FlameGraphModel): number {
  return model.tree.value.length > 0 ? model.tree.value[0]! : 0;
}

function percent(value: number, of: number): string {
  return formatPercent(value, of).trim();
}

export function frameTooltip(model: FlameGraphModel, node: number): TooltipContent {
  const { value, self, parent } = model.tree;
  const unit = model.unit;
  const total = totalOf(model);
  const v = value[node]!;
  const p = node > 0 ? parent[node]! : -1;
  const parentValue = p >= 0 ? value[p]! : v;
  const ref = frameRef(model, node);
  return {
    name: ref.name,
    location: ref.file === '' ? '' : ref.line > 0 ? `${ref.file}:${ref.line}` : ref.file,
    total: `Total: ${formatValue(v, unit)} (${percent(v, total)} of all)`,
    ofParent: `Of parent: ${percent(v, parentValue)}`,
    self: `Self: ${formatValue(self[node]!, unit)} (${percent(self[node]!, total)} of all)`,
    value: v,
  };
}

/** For a block of `count` merged sub-pixel frames holding `value`. */
export function mergedTooltip(model: FlameGraphModel, count: number, value: number): TooltipContent {
  return {
    name: mergedLabel(count),
    location: '',
    total: `Total: ${formatValue(value, model.unit)} (${percent(value, totalOf(model))} of all)`,
    ofParent: 'Click to zoom in on them',
    self: '',
    value,
  };
}

/** One line: "name: value (percent)". */
export function describeFrame(model: FlameGraphModel, node: number): string {
  const v = model.tree.value[node]!;
  return `${nodeName(model, node)}: ${formatValue(v, model.unit)} (${percent(v, totalOf(model))})`;
}
