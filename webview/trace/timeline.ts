/**
 * The Go Trace timeline on a canvas (the flame graph's conventions: CSS-pixel layout scaled by
 * devicePixelRatio, theme colours from CSS variables, painting at most once per animation
 * frame); its rows are rows.ts's. Wheel or +/- zooms around the pointer, drag or arrows pan, 0
 * resets; a click on a slice (or on a goroutine's wait before one) selects that slice and its
 * goroutine, a click on a start function's label shows or hides its goroutines. The selected
 * slice is outlined, with an arrow from the run of the goroutine that made it runnable.
 */
import { REGION_FIELDS, I_GOROUTINE, I_PROC, I_UNBLOCKER, I_UNBLOCKER_PROC, SLICE_INTS, SLICE_TIMES, T_READY, TIMELINE_LABEL_WIDTH, TIMELINE_ROW_HEIGHT } from '../../src/shared/trace-view';
import type { TraceWindow, TraceWindowRequest } from '../../src/shared/trace-window';
import { goroutineColour, paintArrow, paintHeap, paintIntervals, paintPairs, paintStrip, paintTicks, timeAt, xOf, type Scale } from './paint';
import { buildRows, shownGoroutines, endOf, firstEndingAfter, intervalsOf, sliceIntervals, startOf, type IntervalRow, type Row, type ShownModel } from './rows';

const ROW_HEIGHT = TIMELINE_ROW_HEIGHT;
const LABEL_WIDTH = TIMELINE_LABEL_WIDTH;

export { goroutineColour };

/** Where the last arrow was drawn (rows and CSS x), for tests. */
export interface ArrowAt {
  readonly fromRow: number;
  readonly fromX: number;
  readonly toRow: number;
  readonly toX: number;
}

export class TraceTimeline {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private rows: Row[] = [];
  private readonly expanded = new Set<number>();
  /** The visible window, nanoseconds from the trace's start. */
  start = 0;
  end: number;
  /** The selected slice (index into model.slices) and the row it was picked in. */
  selected: number | undefined;
  private selectedRow = -1;
  selectedGoroutine: number | undefined;
  arrow: ArrowAt | undefined;
  private frameRequest = 0;
  /** A paint spread over frames: the next row to paint and the colour of labels (undefined: the next frame paints from the top). */
  private partial: { next: number; foreground: string } | undefined;
  /**
   * The first paint is spread over animation frames, rows top to bottom, at most about this many
   * ms of painting per frame: it shares its frame with the new page's style, layout and fonts,
   * and one long task there froze the editor. Later paints are whole (one per frame).
   */
  static firstPaintSliceMs = 6;
  /** The canvas's CSS width when the current paint began (-1: none yet). */
  private paintedWidth = -1;
  /** Frames the first complete paint took (tests: the split paint draws what a whole one draws). */
  firstPaintFrames = 0;
  private drag: { x: number; start: number; end: number; moved: boolean } | undefined;
  /** Paints so far (tests wait for the first) and the last paint's duration in ms. */
  paints = 0;
  lastPaintMs = 0;
  /** The longest paint or window update so far, ms (the benchmark's measure of main-thread work). */
  slowestMs = 0;
  /** Wall-clock time (ms since the epoch) of the first paint: the latency bench's "painted" in a real VS Code. */
  firstPaintAt = 0;

  /** Window requests: the last sent and whether one is awaited (large traces only). */
  private windowSeq = 0;
  private windowPending = false;
  private windowShown: { start: number; end: number; goroutines: string } | undefined;

  constructor(
    host: HTMLElement,
    private model: ShownModel,
    private readonly onSelect: (slice: number | undefined, model: ShownModel) => void,
    private readonly requestWindow: (request: TraceWindowRequest) => void = () => undefined,
  ) {
    this.end = Math.max(1, model.durationNs);
    // A large trace's first model holds the whole trace's window already.
    if (!model.complete) this.windowShown = { start: 0, end: this.end, goroutines: '' };
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'trace-timeline';
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', 'Timeline: GC, stop-the-world, heap, Ps, threads, syscalls, start functions (click a label to show its goroutines), tasks, regions, logs; wheel or +/- to zoom, drag or arrows to pan, 0 to reset');
    host.append(this.canvas);
    this.ctx = this.canvas.getContext('2d')!;
    this.rebuild();
    this.canvas.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    this.canvas.addEventListener('pointerdown', (e) => this.onDown(e));
    this.canvas.addEventListener('pointermove', (e) => this.onMove(e));
    this.canvas.addEventListener('pointerup', (e) => this.onUp(e));
    this.canvas.addEventListener('keydown', (e) => this.onKey(e));
    // Its first report (on observing) repeats the first paint's width: only a new width repaints.
    new ResizeObserver(() => this.canvas.clientWidth !== this.paintedWidth && this.requestPaint()).observe(this.canvas);
  }

  /** The rows' labels, top to bottom. */
  rowLabels(): string[] {
    return this.rows.map((r) => r.label);
  }

  private rebuild(): void {
    this.rows = buildRows(this.model, { expanded: this.expanded, selectedGoroutine: this.selectedGoroutine });
    this.canvas.style.height = `${this.rows.length * ROW_HEIGHT}px`;
    this.requestPaint();
  }

  /** The model as shown now (a large trace's current window). */
  shown(): ShownModel {
    return this.model;
  }

  /**
   * For a large trace: asks for the window around the visible range (half a width either side,
   * so a pan shows data at once), one request at a time; the answer's slices replace the shown ones.
   */
  private wantWindow(): void {
    if (this.model.complete || this.windowPending) return;
    const goroutines = shownGoroutines(this.model, { expanded: this.expanded, selectedGoroutine: this.selectedGoroutine });
    const key = goroutines.join(',');
    const shown = this.windowShown;
    const span = this.end - this.start;
    // The shown window still covers the view at this zoom (within a factor of 2): nothing to ask.
    if (shown !== undefined && shown.goroutines === key && shown.start <= this.start && shown.end >= this.end && (shown.end - shown.start) / span < 4) return;
    const start = Math.max(0, this.start - span / 2);
    const end = Math.min(this.model.durationNs, this.end + span / 2);
    const pixels = Math.min(20_000, Math.max(1, Math.round((this.plotWidth() * (end - start)) / span)));
    this.windowPending = true;
    this.requestWindow({ seq: ++this.windowSeq, start, end: Math.max(end, start + 1), pixels, goroutines });
  }

  /** A window arrived: its slices are shown, the selection kept (found again by goroutine and start). */
  applyWindow(w: TraceWindow): void {
    if (w.seq !== this.windowSeq) return;
    const began = performance.now();
    this.windowPending = false;
    const before = this.selected === undefined ? undefined : { g: this.ints(this.selected, I_GOROUTINE), start: this.model.slices.times[this.selected * SLICE_TIMES]! };
    this.model = { ...this.model, slices: w.slices, procs: w.procs, threads: w.threads, groupRows: w.groupRows, goroutineRows: w.goroutineRows };
    this.windowShown = { start: w.start, end: w.end, goroutines: shownGoroutines(this.model, { expanded: this.expanded, selectedGoroutine: this.selectedGoroutine }).join(',') };
    if (before !== undefined) {
      let found: number | undefined;
      for (let i = 0; i < w.slices.count && found === undefined; i++) if (w.slices.ints[i * SLICE_INTS + I_GOROUTINE] === before.g && w.slices.times[i * SLICE_TIMES] === before.start) found = i;
      this.selected = found;
    }
    this.rebuild();
    this.slowestMs = Math.max(this.slowestMs, performance.now() - began);
  }

  /** Shows or hides the goroutines of a start function (index into model.groups). */
  toggleGroup(group: number): void {
    if (!this.expanded.delete(group)) this.expanded.add(group);
    this.rebuild();
  }

  /** Shows a goroutine's own timeline (its states over time) as the row under the heap. */
  selectGoroutine(goroutine: number | undefined): void {
    if (goroutine === this.selectedGoroutine) return;
    this.selectedGoroutine = goroutine;
    this.rebuild();
  }

  /** Selects a slice (index into model.slices): outlined on its P's row, its goroutine's timeline shown. */
  selectSlice(slice: number | undefined, row = -1): void {
    // Rows may move (the goroutine's own row appears): the picked row is found again by its label.
    const label = slice === undefined ? undefined : (this.rows[row]?.label ?? `P${this.ints(slice, I_PROC)}`);
    this.selected = slice;
    this.selectGoroutine(slice === undefined ? this.selectedGoroutine : this.ints(slice, I_GOROUTINE));
    this.selectedRow = this.rows.findIndex((r) => r.label === label);
    this.onSelect(slice, this.model);
    this.requestPaint();
  }

  requestPaint(): void {
    this.partial = undefined;
    this.nextFrame();
  }

  private nextFrame(): void {
    if (this.frameRequest !== 0) return;
    this.frameRequest = requestAnimationFrame(() => {
      this.frameRequest = 0;
      this.paint();
      if (this.partial === undefined) this.wantWindow();
    });
  }

  /** Zooms by `factor` (< 1 zooms in) keeping the time under CSS x `at` in place. */
  zoom(factor: number, at: number): void {
    const width = this.plotWidth();
    const t = timeAt(this.scale(), at);
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

  /** What is under CSS point (x, y): a slice (index into model.slices) with its row, or a start function's label. */
  hit(x: number, y: number): { row: number; slice?: number; group?: number } | undefined {
    const r = Math.floor(y / ROW_HEIGHT);
    const row = this.rows[r];
    if (row === undefined || !('items' in row)) return undefined;
    if (x < LABEL_WIDTH) return row.group === undefined ? undefined : { row: r, group: row.group };
    if (row.kind !== 'slices' && row.kind !== 'strip') return undefined;
    const iv = sliceIntervals(this.model);
    const t = timeAt(this.scale(), x);
    // Within half a pixel either side, so a merged sliver can be clicked.
    const slack = (this.end - this.start) / Math.max(1, this.plotWidth()) / 2;
    for (let i = firstEndingAfter(row.maxEnd, t - slack); i < row.items.length; i++) {
      const item = row.items[i]!;
      const start = startOf(iv, item);
      // On a goroutine's own row, its wait before a run picks that run (it says what ended the wait).
      if (row.kind === 'strip' && start > t + slack && (i === 0 || endOf(iv, row.items[i - 1]!, this.model.durationNs) <= t)) return { row: r, slice: item };
      if (start > t + slack) break;
      if (endOf(iv, item, this.model.durationNs) >= t - slack) return { row: r, slice: item };
    }
    return undefined;
  }

  private ints(slice: number, field: number): number {
    return this.model.slices.ints[slice * SLICE_INTS + field]!;
  }

  private plotWidth(): number {
    return Math.max(0, this.canvas.clientWidth - LABEL_WIDTH);
  }

  private scale(): Scale {
    return { start: this.start, end: this.end, left: LABEL_WIDTH, width: this.plotWidth() };
  }

  /** Paints the rows from the top, or goes on with a first paint begun in an earlier frame. */
  private paint(): void {
    const began = performance.now();
    const p = (this.partial ??= { next: 0, foreground: this.beginPaint() });
    const budget = this.paints === 0 ? TraceTimeline.firstPaintSliceMs : Infinity;
    if (this.paints === 0) this.firstPaintFrames++;
    while (p.next < this.rows.length) {
      this.paintRowAt(p.next++, p.foreground);
      if (p.next < this.rows.length && performance.now() - began >= budget) {
        this.nextFrame();
        this.lastPaintMs = performance.now() - began;
        this.slowestMs = Math.max(this.slowestMs, this.lastPaintMs);
        return;
      }
    }
    this.partial = undefined;
    this.paintSelection(p.foreground);
    if (this.paints++ === 0) this.firstPaintAt = performance.timeOrigin + performance.now();
    this.lastPaintMs = performance.now() - began;
    this.slowestMs = Math.max(this.slowestMs, this.lastPaintMs);
  }

  /** Sizes and clears the canvas and sets the label font; returns the labels' colour. */
  private beginPaint(): string {
    const ratio = window.devicePixelRatio || 1;
    const width = this.canvas.clientWidth;
    this.paintedWidth = width;
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
    return foreground;
  }

  /** One row: its label and its content, within its band. */
  private paintRowAt(r: number, foreground: string): void {
    const ctx = this.ctx;
    const s = this.scale();
    const m = this.model;
    const row = this.rows[r]!;
    const top = r * ROW_HEIGHT;
    ctx.fillStyle = foreground;
    ctx.fillText(fitLabel(ctx, row.label, LABEL_WIDTH - 8), 4, top + ROW_HEIGHT / 2);
    if ('items' in row) this.paintRow(row, top);
    else if (row.kind === 'gc') paintPairs(ctx, s, m.gc, top + 3, ROW_HEIGHT - 6, '#e8a33d');
    else if (row.kind === 'stw') paintPairs(ctx, s, m.stw, top + 3, ROW_HEIGHT - 6, '#d9534f');
    else if (row.kind === 'heap') paintHeap(ctx, s, m.heap, top, ROW_HEIGHT, foreground);
    else if (row.kind === 'tasks') paintPairs(ctx, s, m.tasks.flatMap((t) => [t.start, t.end < 0 ? m.durationNs : t.end]), top + 3, ROW_HEIGHT - 6, '#7e57c2');
    else paintTicks(ctx, s, m.logs.map((l) => l.time), top + 2, ROW_HEIGHT - 4, foreground);
  }

  private paintRow(row: IntervalRow, top: number): void {
    const ctx = this.ctx;
    const s = this.scale();
    const iv = intervalsOf(this.model, row);
    const m = this.model;
    if (row.kind === 'strip') paintStrip(ctx, s, row, m, iv, top + 2, ROW_HEIGHT - 4);
    else if (row.kind === 'slices') paintIntervals(ctx, s, row, iv, m.durationNs, top + 2, ROW_HEIGHT - 4, (item) => goroutineColour(m.slices.ints[item * SLICE_INTS + I_GOROUTINE]!));
    else if (row.kind === 'syscalls') paintIntervals(ctx, s, row, iv, m.durationNs, top + 5, ROW_HEIGHT - 10, () => '#42a5f5');
    else paintIntervals(ctx, s, row, iv, m.durationNs, top + 3, ROW_HEIGHT - 6, (item) => goroutineColour(m.regions[item * REGION_FIELDS + 3]!));
  }

  /** The selected slice's outline, and the arrow from the unblocker's run at the moment it made it runnable. */
  private paintSelection(colour: string): void {
    this.arrow = undefined;
    const slice = this.selected;
    if (slice === undefined || this.selectedRow < 0) return;
    const ctx = this.ctx;
    const s = this.scale();
    const times = this.model.slices.times;
    const start = times[slice * SLICE_TIMES]!;
    const end = times[slice * SLICE_TIMES + 1]!;
    const top = this.selectedRow * ROW_HEIGHT;
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2;
    ctx.strokeRect(xOf(s, start), top + 1, Math.max(2, xOf(s, end) - xOf(s, start)), ROW_HEIGHT - 2);
    ctx.lineWidth = 1;
    const ready = times[slice * SLICE_TIMES + T_READY]!;
    const unblocker = this.ints(slice, I_UNBLOCKER);
    const fromRow = this.rows.findIndex((r) => r.label === `P${this.ints(slice, I_UNBLOCKER_PROC)}`);
    if (ready < 0 || unblocker < 0 || fromRow < 0) return;
    this.arrow = { fromRow, fromX: xOf(s, ready), toRow: this.selectedRow, toX: xOf(s, start) };
    paintArrow(ctx, this.arrow.fromX, fromRow * ROW_HEIGHT + ROW_HEIGHT / 2, this.arrow.toX, top + ROW_HEIGHT / 2, colour);
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
    const hit = this.hit(e.offsetX, e.offsetY);
    if (hit?.group !== undefined) this.toggleGroup(hit.group);
    else this.selectSlice(hit?.slice, hit?.row);
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
