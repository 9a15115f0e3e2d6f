/**
 * The Go Trace timeline on a canvas (the flame graph's conventions: CSS-pixel layout scaled by
 * devicePixelRatio, theme colours from CSS variables, painting at most once per animation
 * frame): a GC row, a stop-the-world row, the heap as a line, one row per P with the
 * goroutines that ran on it, then one row per start function with when its goroutines ran.
 * Wheel or +/- zooms around the pointer, drag or arrows pan, 0 resets; a click on a slice
 * selects it. Slices narrower than a pixel are merged.
 */
import { SLICE_FIELDS, TIMELINE_LABEL_WIDTH, TIMELINE_ROW_HEIGHT, type TraceViewModel } from '../../src/shared/trace-view';

const ROW_HEIGHT = TIMELINE_ROW_HEIGHT;
const LABEL_WIDTH = TIMELINE_LABEL_WIDTH;

export interface SliceRef {
  /** Index into the timeline's rows. */
  readonly row: number;
  /** Index of the slice within the row (multiply by SLICE_FIELDS for its numbers). */
  readonly slice: number;
}

/** What ran: SLICE_FIELDS numbers per slice, in order of start; `maxEnd[i]` is the latest end of slices 0..i; `procs[i]` the P of slice i. */
interface SliceRow {
  readonly label: string;
  readonly kind: 'proc' | 'group';
  readonly slices: readonly number[];
  readonly maxEnd: Float64Array;
  readonly procs: readonly number[];
}

type Row = { readonly label: string; readonly kind: 'gc' | 'stw' | 'heap' } | SliceRow;

/** The first slice whose running latest end (`maxEnd`, non-decreasing) is at or after `t`. */
export function firstSliceEndingAfter(maxEnd: Float64Array, t: number): number {
  let lo = 0;
  let hi = maxEnd.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (maxEnd[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sliceRow(label: string, kind: SliceRow['kind'], slices: readonly number[], procs: readonly number[]): SliceRow {
  const maxEnd = new Float64Array(slices.length / SLICE_FIELDS);
  let latest = -Infinity;
  for (let i = 0; i < maxEnd.length; i++) maxEnd[i] = latest = Math.max(latest, slices[i * SLICE_FIELDS + 1]!);
  return { label, kind, slices, maxEnd, procs };
}

/** One row per start function: the slices of its goroutines from every P, in order of start. */
function groupRows(model: TraceViewModel): SliceRow[] {
  const nameOf = new Map(model.goroutines.map((g) => [g.id, g.name || '(unknown)']));
  const byName = new Map<string, { at: number[]; proc: number }[]>();
  for (const p of model.procs) {
    for (let i = 0; i < p.slices.length; i += SLICE_FIELDS) {
      const name = nameOf.get(p.slices[i + 2]!) ?? '(unknown)';
      let list = byName.get(name);
      if (list === undefined) byName.set(name, (list = []));
      list.push({ at: p.slices.slice(i, i + SLICE_FIELDS), proc: p.proc });
    }
  }
  // In the goroutine analysis' order (most execution first).
  const order = new Map(model.groups.map((g, i) => [g.name || '(unknown)', i]));
  return [...byName]
    .sort((a, b) => (order.get(a[0]) ?? Infinity) - (order.get(b[0]) ?? Infinity))
    .map(([name, list]) => {
      list.sort((a, b) => a.at[0]! - b.at[0]!);
      return sliceRow(name, 'group', list.flatMap((x) => x.at), list.map((x) => x.proc));
    });
}

export function goroutineColour(g: number): string {
  const hue = Math.imul(g, 2654435761) >>> 0;
  return `hsl(${hue % 360}, 55%, 55%)`;
}

export class TraceTimeline {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly rows: Row[];
  /** The visible window, nanoseconds from the trace's start. */
  start = 0;
  end: number;
  selected: SliceRef | undefined;
  private frameRequest = 0;
  private drag: { x: number; start: number; end: number; moved: boolean } | undefined;
  /** Paints so far (tests wait for the first). */
  paints = 0;

  constructor(
    host: HTMLElement,
    private readonly model: TraceViewModel,
    private readonly onSelect: (ref: SliceRef | undefined) => void,
  ) {
    this.end = Math.max(1, model.durationNs);
    this.rows = [
      { label: 'GC', kind: 'gc' },
      { label: 'STW', kind: 'stw' },
      { label: 'Heap', kind: 'heap' },
      ...model.procs.map((p) => sliceRow(`P${p.proc}`, 'proc', p.slices, p.slices.map(() => p.proc))),
      ...groupRows(model),
    ];
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'trace-timeline';
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', 'Timeline: GC, stop-the-world, heap, one row per P and one per start function; wheel or +/- to zoom, drag or arrows to pan, 0 to reset');
    this.canvas.style.height = `${this.rows.length * ROW_HEIGHT}px`;
    host.append(this.canvas);
    this.ctx = this.canvas.getContext('2d')!;
    this.canvas.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    this.canvas.addEventListener('pointerdown', (e) => this.onDown(e));
    this.canvas.addEventListener('pointermove', (e) => this.onMove(e));
    this.canvas.addEventListener('pointerup', (e) => this.onUp(e));
    this.canvas.addEventListener('keydown', (e) => this.onKey(e));
    new ResizeObserver(() => this.requestPaint()).observe(this.canvas);
    this.requestPaint();
  }

  requestPaint(): void {
    if (this.frameRequest !== 0) return;
    this.frameRequest = requestAnimationFrame(() => {
      this.frameRequest = 0;
      this.paint();
    });
  }

  /** Zooms by `factor` (< 1 zooms in) keeping the time under CSS x `at` in place. */
  zoom(factor: number, at: number): void {
    const width = this.plotWidth();
    const t = this.timeAt(at);
    const span = Math.min(Math.max((this.end - this.start) * factor, 1000), Math.max(1, this.model.durationNs));
    const ratio = width > 0 ? (at - LABEL_WIDTH) / width : 0.5;
    this.setWindow(t - span * ratio, t - span * ratio + span);
  }

  /** Moves the window by `fraction` of its width. */
  pan(fraction: number): void {
    const span = this.end - this.start;
    this.setWindow(this.start + span * fraction, this.end + span * fraction);
  }

  setWindow(start: number, end: number): void {
    const span = end - start;
    const max = Math.max(1, this.model.durationNs);
    let s = Math.max(0, Math.min(start, max - span));
    if (span >= max) s = 0;
    this.start = s;
    this.end = s + Math.min(span, max);
    this.requestPaint();
  }

  /** The slice under CSS point (x, y), if any. */
  hit(x: number, y: number): SliceRef | undefined {
    const r = Math.floor(y / ROW_HEIGHT);
    const row = this.rows[r];
    if (row === undefined || (row.kind !== 'proc' && row.kind !== 'group') || x < LABEL_WIDTH) return undefined;
    const t = this.timeAt(x);
    // Within half a pixel either side, so a merged sliver can be clicked.
    const slack = (this.end - this.start) / Math.max(1, this.plotWidth()) / 2;
    for (let i = firstSliceEndingAfter(row.maxEnd, t - slack); i < row.maxEnd.length; i++) {
      const at = i * SLICE_FIELDS;
      if (row.slices[at]! > t + slack) break;
      if (row.slices[at + 1]! >= t - slack) return { row: r, slice: i };
    }
    return undefined;
  }

  /** The numbers of a selected slice and the P it ran on. */
  sliceAt(ref: SliceRef): { start: number; end: number; goroutine: number; stack: number; reason: number; proc: number } | undefined {
    const row = this.rows[ref.row];
    if (row === undefined || (row.kind !== 'proc' && row.kind !== 'group')) return undefined;
    const at = ref.slice * SLICE_FIELDS;
    const s = row.slices;
    return { start: s[at]!, end: s[at + 1]!, goroutine: s[at + 2]!, stack: s[at + 3]!, reason: s[at + 4]!, proc: row.procs[ref.slice]! };
  }

  private plotWidth(): number {
    return Math.max(0, this.canvas.clientWidth - LABEL_WIDTH);
  }

  private timeAt(x: number): number {
    return this.start + ((x - LABEL_WIDTH) / Math.max(1, this.plotWidth())) * (this.end - this.start);
  }

  private xOf(t: number): number {
    return LABEL_WIDTH + ((t - this.start) / (this.end - this.start)) * this.plotWidth();
  }

  private paint(): void {
    const ratio = window.devicePixelRatio || 1;
    const width = this.canvas.clientWidth;
    const height = this.rows.length * ROW_HEIGHT;
    if (this.canvas.width !== Math.round(width * ratio) || this.canvas.height !== Math.round(height * ratio)) {
      this.canvas.width = Math.round(width * ratio);
      this.canvas.height = Math.round(height * ratio);
    }
    const ctx = this.ctx;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const style = getComputedStyle(document.body);
    const foreground = style.getPropertyValue('--vscode-editor-foreground').trim() || '#333';
    ctx.clearRect(0, 0, width, height);
    ctx.font = `11px ${style.getPropertyValue('--vscode-font-family').trim() || 'sans-serif'}`;
    ctx.textBaseline = 'middle';
    this.rows.forEach((row, r) => {
      const top = r * ROW_HEIGHT;
      ctx.fillStyle = foreground;
      ctx.fillText(fitLabel(ctx, row.label, LABEL_WIDTH - 8), 4, top + ROW_HEIGHT / 2);
      if (row.kind === 'gc') this.paintRanges(this.model.gc, top, '#e8a33d');
      else if (row.kind === 'stw') this.paintRanges(this.model.stw, top, '#d9534f');
      else if (row.kind === 'heap') this.paintHeap(top, foreground);
      else if (row.kind === 'proc' || row.kind === 'group') this.paintSlices(row, r, top, foreground);
    });
    this.paints++;
  }

  private paintRanges(pairs: readonly number[], top: number, colour: string): void {
    this.ctx.fillStyle = colour;
    for (let i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1]! < this.start || pairs[i]! > this.end) continue;
      const x0 = Math.max(LABEL_WIDTH, this.xOf(pairs[i]!));
      const x1 = Math.min(this.canvas.clientWidth, this.xOf(pairs[i + 1]!));
      this.ctx.fillRect(x0, top + 3, Math.max(1, x1 - x0), ROW_HEIGHT - 6);
    }
  }

  private paintHeap(top: number, colour: string): void {
    const heap = this.model.heap;
    let max = 0;
    for (let i = 1; i < heap.length; i += 2) max = Math.max(max, heap[i]!);
    if (max === 0) return;
    const ctx = this.ctx;
    ctx.strokeStyle = colour;
    ctx.beginPath();
    let started = false;
    for (let i = 0; i < heap.length; i += 2) {
      const x = Math.min(Math.max(this.xOf(heap[i]!), LABEL_WIDTH), this.canvas.clientWidth);
      const y = top + ROW_HEIGHT - 2 - (heap[i + 1]! / max) * (ROW_HEIGHT - 4);
      if (started) ctx.lineTo(x, y);
      else ctx.moveTo(x, y);
      started = true;
    }
    ctx.stroke();
  }

  private paintSlices(row: SliceRow, r: number, top: number, selectedColour: string): void {
    const slices = row.slices;
    const ctx = this.ctx;
    const right = this.canvas.clientWidth;
    let drawnTo = -Infinity;
    for (let i = firstSliceEndingAfter(row.maxEnd, this.start); i * SLICE_FIELDS < slices.length; i++) {
      const at = i * SLICE_FIELDS;
      if (slices[at]! > this.end) break;
      if (slices[at + 1]! < this.start) continue;
      const x0 = Math.max(LABEL_WIDTH, this.xOf(slices[at]!));
      const x1 = Math.min(right, this.xOf(slices[at + 1]!));
      // Many slices in one pixel: draw the pixel once.
      if (x1 < drawnTo + 1 && x1 - x0 < 1) continue;
      ctx.fillStyle = goroutineColour(slices[at + 2]!);
      ctx.fillRect(x0, top + 2, Math.max(1, x1 - x0), ROW_HEIGHT - 4);
      drawnTo = Math.max(x0 + 1, x1);
    }
    const sel = this.selected;
    if (sel !== undefined && sel.row === r) {
      const at = sel.slice * SLICE_FIELDS;
      const x0 = this.xOf(slices[at]!);
      ctx.strokeStyle = selectedColour;
      ctx.lineWidth = 2;
      ctx.strokeRect(x0, top + 1, Math.max(2, this.xOf(slices[at + 1]!) - x0), ROW_HEIGHT - 2);
      ctx.lineWidth = 1;
    }
  }

  private onWheel(e: WheelEvent): void {
    e.preventDefault();
    if (e.ctrlKey || e.metaKey || Math.abs(e.deltaY) >= Math.abs(e.deltaX)) this.zoom(Math.exp(e.deltaY / 300), e.offsetX);
    else this.pan(e.deltaX / Math.max(1, this.plotWidth()));
  }

  private onDown(e: PointerEvent): void {
    this.canvas.setPointerCapture(e.pointerId);
    this.drag = { x: e.offsetX, start: this.start, end: this.end, moved: false };
  }

  private onMove(e: PointerEvent): void {
    const d = this.drag;
    if (d === undefined) return;
    const dx = e.offsetX - d.x;
    if (Math.abs(dx) > 2) d.moved = true;
    if (!d.moved) return;
    const shift = (dx / Math.max(1, this.plotWidth())) * (d.end - d.start);
    this.setWindow(d.start - shift, d.end - shift);
  }

  private onUp(e: PointerEvent): void {
    const d = this.drag;
    this.drag = undefined;
    if (d === undefined || d.moved) return;
    this.selected = this.hit(e.offsetX, e.offsetY);
    this.onSelect(this.selected);
    this.requestPaint();
  }

  private onKey(e: KeyboardEvent): void {
    const middle = LABEL_WIDTH + this.plotWidth() / 2;
    if (e.key === '+' || e.key === '=') this.zoom(0.5, middle);
    else if (e.key === '-') this.zoom(2, middle);
    else if (e.key === 'ArrowLeft') this.pan(-0.2);
    else if (e.key === 'ArrowRight') this.pan(0.2);
    else if (e.key === '0') this.setWindow(0, this.model.durationNs);
    else return;
    e.preventDefault();
  }
}

/** `text` cut with an ellipsis to fit `width` CSS pixels. */
function fitLabel(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let n = text.length;
  while (n > 1 && ctx.measureText(`${text.slice(0, n)}…`).width > width) n--;
  return `${text.slice(0, n)}…`;
}
