/**
 * Painting the timeline's rows on a 2D canvas in CSS pixels. Level of detail: once items are
 * narrower than a pixel, the rest of that pixel's items are skipped by binary search (one
 * rectangle per pixel), so a frame costs about one step per pixel per row, not one per event.
 */
import { I_GOROUTINE, I_STOP_STATE, SLICE_INTS, SLICE_TIMES, STATE_RUNNABLE, STATE_SYSCALL, STATE_WAITING, T_READY, type TraceViewModel } from '../../src/shared/trace-view';
import { endOf, firstEndingAfter, firstStartingAt, startOf, type IntervalRow, type Intervals } from './rows';

export interface Scale {
  readonly start: number;
  readonly end: number;
  /** CSS x of `start` and the plot's width. */
  readonly left: number;
  readonly width: number;
}

export const xOf = (s: Scale, t: number): number => s.left + ((t - s.start) / (s.end - s.start)) * s.width;
export const timeAt = (s: Scale, x: number): number => s.start + ((x - s.left) / Math.max(1, s.width)) * (s.end - s.start);

export const STATE_COLOURS: Readonly<Record<number, string>> = {
  [STATE_RUNNABLE]: '#9ccc65',
  [STATE_WAITING]: '#90a4ae',
  [STATE_SYSCALL]: '#42a5f5',
};

export function goroutineColour(g: number): string {
  const hue = Math.imul(g, 2654435761) >>> 0;
  return `hsl(${hue % 360}, 55%, 55%)`;
}

/** Fills [t0, t1] of a row, at least a pixel wide; returns its right edge or -Infinity when off-screen. */
function bar(ctx: CanvasRenderingContext2D, s: Scale, t0: number, t1: number, top: number, height: number): number {
  if (t1 < s.start || t0 > s.end) return -Infinity;
  const x0 = Math.max(s.left, xOf(s, t0));
  const x1 = Math.min(s.left + s.width, xOf(s, t1));
  ctx.fillRect(x0, top, Math.max(1, x1 - x0), height);
  return x1;
}

/**
 * Paints a row's intervals from the first visible one; `colour(item)` picks each fill,
 * `before(item, previous)` paints what lies between an item and the one before it (-1: none).
 */
export function paintIntervals(ctx: CanvasRenderingContext2D, s: Scale, row: IntervalRow, iv: Intervals, durationNs: number, top: number, height: number, colour: (item: number) => string, before?: (item: number, previous: number) => void): void {
  const items = row.items;
  let i = Math.max(0, firstEndingAfter(row.maxEnd, s.start) - (before ? 1 : 0));
  let drawnTo = -Infinity;
  let lastPixel = -Infinity;
  while (i < items.length) {
    const item = items[i]!;
    const t0 = startOf(iv, item);
    if (t0 > s.end) {
      before?.(item, i > 0 ? items[i - 1]! : -1);
      break;
    }
    const t1 = endOf(iv, item, durationNs);
    if (before) before(item, i > 0 ? items[i - 1]! : -1);
    const pixel = Math.floor(xOf(s, t0));
    if (pixel !== lastPixel || xOf(s, t1) - pixel >= 1) {
      ctx.fillStyle = colour(item);
      bar(ctx, s, t0, t1, top, height);
      lastPixel = pixel;
    }
    drawnTo = Math.max(drawnTo, t1);
    if (xOf(s, t1) - xOf(s, t0) < 1) {
      // The rest of this pixel's items: skip them unless one reaches past what is drawn.
      const pixelEnd = timeAt(s, pixel + 1);
      // Skip to the last item starting in this pixel (it may reach into the next) when none of those between reaches past what is drawn.
      const j = firstStartingAt(iv, items, i + 1, pixelEnd) - 1;
      if (j > i + 1 && row.maxEnd[j - 1]! <= Math.max(pixelEnd, drawnTo)) {
        i = j;
        continue;
      }
    }
    i++;
  }
}

/** A goroutine's own timeline: running (its colour), and before each run the wait and the runnable time. */
export function paintStrip(ctx: CanvasRenderingContext2D, s: Scale, row: IntervalRow, model: TraceViewModel, iv: Intervals, top: number, height: number): void {
  const { times, ints } = model.slices;
  const d = model.durationNs;
  const gap = (item: number, previous: number): void => {
    const start = times[item * SLICE_TIMES]!;
    const ready = times[item * SLICE_TIMES + T_READY]!;
    const waited = previous < 0 ? -1 : ints[previous * SLICE_INTS + I_STOP_STATE]!;
    if (waited > 0) {
      ctx.fillStyle = STATE_COLOURS[waited] ?? STATE_COLOURS[STATE_WAITING]!;
      bar(ctx, s, times[previous * SLICE_TIMES + 1]!, ready >= 0 ? ready : start, top + height / 4, height / 2);
    }
    if (ready >= 0) {
      ctx.fillStyle = STATE_COLOURS[STATE_RUNNABLE]!;
      bar(ctx, s, ready, start, top + height / 4, height / 2);
    }
  };
  paintIntervals(ctx, s, row, iv, d, top, height, (item) => goroutineColour(ints[item * SLICE_INTS + I_GOROUTINE]!), gap);
  // After the last run: the state it stopped in, to the end of the trace.
  const last = row.items[row.items.length - 1];
  if (last !== undefined) {
    const state = ints[last * SLICE_INTS + I_STOP_STATE]!;
    if (STATE_COLOURS[state] !== undefined) {
      ctx.fillStyle = STATE_COLOURS[state];
      bar(ctx, s, times[last * SLICE_TIMES + 1]!, d, top + height / 4, height / 2);
    }
  }
}

/** [start, end] pairs as bars. */
export function paintPairs(ctx: CanvasRenderingContext2D, s: Scale, pairs: ArrayLike<number>, top: number, height: number, colour: string): void {
  ctx.fillStyle = colour;
  for (let i = 0; i < pairs.length; i += 2) bar(ctx, s, pairs[i]!, pairs[i + 1]!, top, height);
}

/** The heap as a line scaled to its maximum. */
export function paintHeap(ctx: CanvasRenderingContext2D, s: Scale, heap: Float64Array, top: number, height: number, colour: string): void {
  let max = 0;
  for (let i = 1; i < heap.length; i += 2) max = Math.max(max, heap[i]!);
  if (max === 0) return;
  ctx.strokeStyle = colour;
  ctx.beginPath();
  for (let i = 0; i < heap.length; i += 2) {
    const x = Math.min(Math.max(xOf(s, heap[i]!), s.left), s.left + s.width);
    const y = top + height - 2 - (heap[i + 1]! / max) * (height - 4);
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  }
  ctx.stroke();
}

/** Ticks at `times`. */
export function paintTicks(ctx: CanvasRenderingContext2D, s: Scale, times: readonly number[], top: number, height: number, colour: string): void {
  ctx.fillStyle = colour;
  for (const t of times) if (t >= s.start && t <= s.end) ctx.fillRect(xOf(s, t), top, 1, height);
}

/** An arrow from (x0, y0) to (x1, y1): what made a goroutine runnable, to its run. */
export function paintArrow(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number, colour: string): void {
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  // On one row the arrow bows up over the row, so it is not hidden in the slices.
  const cx = (x0 + x1) / 2;
  const cy = y0 === y1 ? y0 - 14 : (y0 + y1) / 2;
  ctx.quadraticCurveTo(cx, cy, x1, y1);
  ctx.stroke();
  const a = Math.atan2(y1 - cy, x1 - cx);
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x1 - 7 * Math.cos(a - 0.4), y1 - 7 * Math.sin(a - 0.4));
  ctx.lineTo(x1 - 7 * Math.cos(a + 0.4), y1 - 7 * Math.sin(a + 0.4));
  ctx.fill();
  ctx.lineWidth = 1;
}
