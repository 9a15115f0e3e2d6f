import type { FlameGraphModel } from './model';
import { nodeName } from './model';
import type { FrameRects } from './layout';
import type { Palette } from './palette';
import type { LabelFitter } from './labels';
import { mergedLabel } from './labels';

import type { Orientation } from './orientation';

export type { Orientation };

export interface DrawState {
  readonly widthPx: number;
  readonly heightPx: number;
  readonly rowHeight: number;
  /** Vertical scroll offset in CSS pixels. */
  readonly scrollTop: number;
  readonly totalRows: number;
  readonly orientation: Orientation;
  readonly palette: Palette;
  /** Fill of a node's bar (the colour hook, bound to the theme). */
  readonly fill: (node: number) => string;
  readonly background: string;
  readonly focusBorder: string;
  readonly font: string;
  /** Per frame-table index: 1 when the frame matches the search; undefined when no search. */
  readonly matches: Uint8Array | undefined;
  readonly selected: number;
  readonly hovered: number;
  /** Depth of the zoomed frame; rows above it (its ancestors) are drawn faded. */
  readonly zoomDepth: number;
}

export function rowTop(state: Pick<DrawState, 'orientation' | 'rowHeight' | 'totalRows' | 'scrollTop'>, depth: number): number {
  const row = state.orientation === 'icicle' ? depth : state.totalRows - 1 - depth;
  return row * state.rowHeight - state.scrollTop;
}

/** The depth drawn at vertical position y (CSS pixels from the canvas top). */
export function depthAt(state: Pick<DrawState, 'orientation' | 'rowHeight' | 'totalRows' | 'scrollTop'>, y: number): number {
  const row = Math.floor((y + state.scrollTop) / state.rowHeight);
  return state.orientation === 'icicle' ? row : state.totalRows - 1 - row;
}

/**
 * Draws the laid-out rects; the context is already scaled to CSS pixels. Bars are batched into
 * one path per fill colour (a few hundred colours at most, against tens of thousands of bars),
 * then labels are drawn on top.
 */
export function drawFrames(
  ctx: CanvasRenderingContext2D,
  model: FlameGraphModel,
  rects: FrameRects,
  state: DrawState,
  labels: LabelFitter,
): void {
  const { rowHeight, palette } = state;
  ctx.globalAlpha = 1;
  ctx.fillStyle = state.background;
  ctx.fillRect(0, 0, state.widthPx, state.heightPx);
  const gap = rowHeight > 8 ? 1 : 0;
  const barHeight = rowHeight - gap;
  const batches = new Map<string, number[]>();
  const faded: number[] = [];
  const labelled: number[] = [];
  let outlineIndex = -1;
  let hoverIndex = -1;
  for (let i = 0; i < rects.count; i++) {
    const top = rowTop(state, rects.depth[i]!);
    if (top + rowHeight <= 0 || top >= state.heightPx) continue;
    const node = rects.node[i]!;
    if (rects.depth[i]! < state.zoomDepth) {
      faded.push(i);
      continue;
    }
    const fill = node < 0 ? palette.mergedFill : fillOf(model, node, state);
    let batch = batches.get(fill);
    if (batch === undefined) {
      batch = [];
      batches.set(fill, batch);
    }
    batch.push(i);
    if (node >= 0 ? rects.width[i]! > 24 : rects.width[i]! > 120) labelled.push(i);
    if (node === state.selected && node >= 0) outlineIndex = i;
    if (node === state.hovered && node >= 0) hoverIndex = i;
  }
  for (const [fill, batch] of batches) {
    ctx.fillStyle = fill;
    ctx.beginPath();
    // High contrast outlines every bar; half-pixel insets keep the 1 px border crisp.
    const inset = palette.kind === 'high-contrast' ? 0.5 : 0;
    for (const i of batch) {
      const [left, width] = clip(rects, i, state.widthPx);
      const w = width > 2 ? width - 1 : width;
      ctx.rect(left + inset, rowTop(state, rects.depth[i]!) + inset, w - 2 * inset, barHeight - 2 * inset);
    }
    ctx.fill();
    if (inset > 0) {
      ctx.strokeStyle = palette.border;
      ctx.lineWidth = 1;
      ctx.stroke();
    }
  }
  // Ancestors of the zoomed frame: full width, faded.
  ctx.globalAlpha = 0.55;
  for (const i of faded) {
    const node = rects.node[i]!;
    const [left, width] = clip(rects, i, state.widthPx);
    ctx.fillStyle = node < 0 ? palette.mergedFill : fillOf(model, node, state);
    ctx.fillRect(left, rowTop(state, rects.depth[i]!), width > 2 ? width - 1 : width, barHeight);
    if (node >= 0 && rects.width[i]! > 24) labelled.push(i);
    if (node === state.selected) outlineIndex = i;
    if (node === state.hovered) hoverIndex = i;
  }
  ctx.globalAlpha = 1;
  ctx.font = state.font;
  ctx.textBaseline = 'middle';
  labels.setFont(ctx, state.font);
  for (const i of labelled) {
    const node = rects.node[i]!;
    const [left, width] = clip(rects, i, state.widthPx);
    const name = node >= 0 ? nodeName(model, node) : mergedLabel(-node);
    const text = labels.fit(ctx, name, width - 6);
    if (text === '') continue;
    ctx.globalAlpha = rects.depth[i]! < state.zoomDepth ? 0.7 : 1;
    ctx.fillStyle = node < 0 || isDimmed(model, node, state) ? palette.dimmedText : palette.frameText;
    ctx.fillText(text, left + 3, rowTop(state, rects.depth[i]!) + barHeight / 2 + 0.5);
  }
  ctx.globalAlpha = 1;
  strokeRect(ctx, rects, state, hoverIndex, palette.frameText, 1);
  strokeRect(ctx, rects, state, outlineIndex, state.focusBorder, 2);
}

export function isDimmed(model: FlameGraphModel, node: number, state: DrawState): boolean {
  if (state.matches === undefined) return false;
  const frame = model.tree.frame[node]!;
  return frame < 0 || state.matches[frame] !== 1;
}

export function fillOf(model: FlameGraphModel, node: number, state: DrawState): string {
  return isDimmed(model, node, state) ? state.palette.dimmedFill : state.fill(node);
}

/** The part of rect i inside the canvas, as [left, width]. */
function clip(rects: FrameRects, i: number, widthPx: number): [number, number] {
  const left = Math.max(rects.left[i]!, -1);
  const right = Math.min(rects.left[i]! + rects.width[i]!, widthPx + 1);
  return [left, right - left];
}

function strokeRect(
  ctx: CanvasRenderingContext2D,
  rects: FrameRects,
  state: DrawState,
  i: number,
  color: string,
  lineWidth: number,
): void {
  if (i < 0) return;
  const top = rowTop(state, rects.depth[i]!);
  const left = Math.max(rects.left[i]!, 0);
  const right = Math.min(rects.left[i]! + rects.width[i]!, state.widthPx);
  ctx.strokeStyle = color;
  ctx.lineWidth = lineWidth;
  ctx.strokeRect(left + lineWidth / 2, top + lineWidth / 2, Math.max(right - left - lineWidth, 1), state.rowHeight - 1 - lineWidth);
}
