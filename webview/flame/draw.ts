import type { FlameGraphModel } from './model';
import { nodeName } from './model';
import type { FrameRects } from './layout';
import type { Palette } from './palette';
import type { LabelFitter } from './labels';

export type Orientation = 'icicle' | 'flame';

export interface DrawState {
  readonly widthPx: number;
  readonly heightPx: number;
  readonly rowHeight: number;
  /** Vertical scroll offset in CSS pixels. */
  readonly scrollTop: number;
  readonly totalRows: number;
  readonly orientation: Orientation;
  readonly palette: Palette;
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

/** Draws the laid-out rects; the context is already scaled to CSS pixels. */
export function drawFrames(
  ctx: CanvasRenderingContext2D,
  model: FlameGraphModel,
  rects: FrameRects,
  state: DrawState,
  labels: LabelFitter,
): void {
  const { rowHeight, palette } = state;
  ctx.fillStyle = state.background;
  ctx.fillRect(0, 0, state.widthPx, state.heightPx);
  ctx.font = state.font;
  ctx.textBaseline = 'middle';
  labels.setFont(ctx, state.font);
  const gap = rowHeight > 8 ? 1 : 0;
  let outlineIndex = -1;
  let hoverIndex = -1;
  for (let i = 0; i < rects.count; i++) {
    const depth = rects.depth[i]!;
    const top = rowTop(state, depth);
    if (top + rowHeight <= 0 || top >= state.heightPx) continue;
    const node = rects.node[i]!;
    const left = Math.max(rects.left[i]!, -1);
    const right = Math.min(rects.left[i]! + rects.width[i]!, state.widthPx + 1);
    const width = right - left;
    if (node < 0) {
      ctx.fillStyle = palette.mergedFill;
      ctx.fillRect(left, top, width, rowHeight - gap);
      continue;
    }
    const name = nodeName(model, node);
    const frame = model.tree.frame[node]!;
    const dimmed = state.matches !== undefined && (frame < 0 || state.matches[frame] !== 1);
    const faded = depth < state.zoomDepth;
    ctx.globalAlpha = faded ? 0.55 : 1;
    ctx.fillStyle = dimmed ? palette.dimmedFill : palette.frameFill(name);
    ctx.fillRect(left, top, width > 2 ? width - 1 : width, rowHeight - gap);
    if (width > 24) {
      const text = labels.fit(ctx, name, width - 6);
      if (text !== '') {
        ctx.fillStyle = dimmed ? palette.dimmedText : palette.frameText;
        ctx.fillText(text, Math.max(left, 0) + 3, top + (rowHeight - gap) / 2 + 0.5);
      }
    }
    ctx.globalAlpha = 1;
    if (node === state.selected) outlineIndex = i;
    if (node === state.hovered) hoverIndex = i;
  }
  strokeRect(ctx, rects, state, hoverIndex, palette.frameText, 1);
  strokeRect(ctx, rects, state, outlineIndex, state.focusBorder, 2);
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
