/** "Capture image": the whole graph at the current zoom, every row, as PNG or SVG. */
import type { FlameGraphModel } from './model';
import type { TreeIndex } from './tree-index';
import { FrameRects, layoutFrames } from './layout';
import type { DrawState } from './draw';
import { drawFrames } from './draw';
import type { LabelFitter } from './labels';
import { buildFlameSvg } from './export-svg';

/** Canvas limits are around 32k pixels; past this the deepest rows are left out. */
const EXPORT_MAX_HEIGHT = 16000;

export interface ExportLayout {
  readonly rects: FrameRects;
  readonly state: DrawState;
}

/** Lays out every row of the window [x0, x1) drawn with `current`'s width, theme and search. */
export function layoutForExport(
  model: FlameGraphModel,
  index: TreeIndex,
  x0: number,
  x1: number,
  current: DrawState,
): ExportLayout {
  const rects = new FrameRects();
  layoutFrames(model, index, { x0, x1, widthPx: current.widthPx, maxDepth: index.maxDepth }, rects);
  let rows = 0;
  for (let i = 0; i < rects.count; i++) rows = Math.max(rows, rects.depth[i]! + 1);
  rows = Math.max(1, Math.min(rows, Math.floor(EXPORT_MAX_HEIGHT / current.rowHeight)));
  const state: DrawState = {
    ...current,
    heightPx: rows * current.rowHeight,
    totalRows: rows,
    scrollTop: 0,
    hovered: -1,
    selected: -1,
  };
  return { rects, state };
}

export function renderPng(doc: Document, model: FlameGraphModel, layout: ExportLayout, labels: LabelFitter): Promise<Blob> {
  const { rects, state } = layout;
  const dpr = Math.max(1, Math.min(2, globalThis.devicePixelRatio || 1));
  const canvas = doc.createElement('canvas');
  canvas.width = Math.round(state.widthPx * dpr);
  canvas.height = Math.round(state.heightPx * dpr);
  const ctx = canvas.getContext('2d', { alpha: false });
  if (!ctx) return Promise.reject(new Error('2D canvas is not available'));
  ctx.scale(dpr, dpr);
  drawFrames(ctx, model, rects, state, labels);
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png');
  });
}

/** `measurer` is any 2D context, used to fit labels as the canvas does; `describe` gives each bar's title. */
export function renderSvg(
  doc: Document,
  model: FlameGraphModel,
  layout: ExportLayout,
  labels: LabelFitter,
  measurer: CanvasRenderingContext2D,
  describe: (node: number) => string,
): string {
  measurer.font = layout.state.font;
  labels.setFont(measurer, layout.state.font);
  return buildFlameSvg(doc, model, layout.rects, layout.state, labels, measurer, describe);
}
