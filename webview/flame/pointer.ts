/**
 * Mouse input on the flame graph: hover, click to zoom (Ctrl/Cmd+click and double-click open
 * the source), drag to pan, Ctrl/Cmd+wheel (and pinch) to zoom around the pointer,
 * Shift+wheel or a sideways swipe to pan. What each gesture means is left to the graph.
 */
import type { Hit } from './flame-canvas';
import type { ViewWindow } from './view-window';

export interface PointerTarget {
  readonly canvas: HTMLCanvasElement;
  readonly window: ViewWindow;
  /** Width of the canvas in CSS pixels. */
  widthPx(): number;
  /** The root's value: the window never leaves [0, total). */
  total(): number;
  hit(clientX: number, clientY: number): Hit;
  /** The pointer is over `hit` (undefined: over nothing, or gone). */
  hover(hit: Hit | undefined, clientX: number, clientY: number): void;
  /** A click on a frame; `openSource` with Ctrl/Cmd. */
  activate(node: number, openSource: boolean): void;
  /** A double-click on a frame. */
  open(node: number): void;
  /** A right-click on a frame. */
  contextMenu(node: number, clientX: number, clientY: number): void;
  /** Moves the window to [x0, x1), animated. */
  animateTo(x0: number, x1: number): void;
  repaint(): void;
}

type Listen = <K extends keyof HTMLElementEventMap>(
  target: HTMLElement | Document,
  type: K,
  handler: (e: HTMLElementEventMap[K]) => void,
  options?: AddEventListenerOptions,
) => void;

/** Below this many pixels of movement a press is a click, not a drag. */
const DRAG_THRESHOLD_PX = 4;

export function attachPointer(target: PointerTarget, listen: Listen): void {
  const { canvas, window: range } = target;
  const doc = canvas.ownerDocument;
  let drag: { startX: number; x0: number; x1: number; moved: boolean } | undefined;
  let suppressClick = false;

  const setRange = (x0: number, x1: number): void => {
    range.setClamped(x0, x1, target.total());
    target.repaint();
  };

  listen(canvas, 'mousemove', (e) => {
    if (!drag?.moved) target.hover(target.hit(e.clientX, e.clientY), e.clientX, e.clientY);
  });
  listen(canvas, 'mouseleave', (e) => target.hover(undefined, e.clientX, e.clientY));
  listen(canvas, 'mousedown', (e) => {
    if (e.button === 0) drag = { startX: e.clientX, x0: range.x0, x1: range.x1, moved: false };
  });
  listen(doc, 'mousemove', (e) => {
    if (!drag) return;
    const dx = e.clientX - drag.startX;
    if (!drag.moved && Math.abs(dx) < DRAG_THRESHOLD_PX) return;
    drag.moved = true;
    target.hover(undefined, e.clientX, e.clientY);
    const perPx = (drag.x1 - drag.x0) / target.widthPx();
    setRange(drag.x0 - dx * perPx, drag.x1 - dx * perPx);
  });
  listen(doc, 'mouseup', () => {
    if (drag?.moved) suppressClick = true;
    drag = undefined;
  });
  listen(canvas, 'click', (e) => {
    if (suppressClick) {
      suppressClick = false;
      return;
    }
    canvas.focus();
    const hit = target.hit(e.clientX, e.clientY);
    if (hit.node >= 0) target.activate(hit.node, e.ctrlKey || e.metaKey);
    else if (hit.rect >= 0) zoomIntoMerged(target, hit, e.clientX);
  });
  listen(canvas, 'dblclick', (e) => {
    const { node } = target.hit(e.clientX, e.clientY);
    if (node >= 0) target.open(node);
  });
  listen(canvas, 'contextmenu', (e) => {
    const { node } = target.hit(e.clientX, e.clientY);
    if (node < 0) return;
    e.preventDefault();
    target.contextMenu(node, e.clientX, e.clientY);
  });
  listen(
    canvas,
    'wheel',
    (e) => {
      const { x0, x1 } = range;
      const perPx = (x1 - x0) / target.widthPx();
      if (e.ctrlKey || e.metaKey) {
        e.preventDefault();
        const at = x0 + (e.clientX - canvas.getBoundingClientRect().left) * perPx;
        range.zoomAround(at, Math.exp(Math.max(-1, Math.min(1, e.deltaY / 300))), target.total());
        target.repaint();
      } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        e.preventDefault();
        const delta = (e.shiftKey ? e.deltaY : e.deltaX) * perPx;
        setRange(x0 + delta, x1 + delta);
      }
    },
    { passive: false },
  );
}

/** A click on a block of merged sub-pixel frames spreads them out around the pointer. */
function zoomIntoMerged(target: PointerTarget, hit: Hit, clientX: number): void {
  const { window: range, canvas } = target;
  const widthPx = target.widthPx();
  const perPx = (range.x1 - range.x0) / widthPx;
  const px = clientX - canvas.getBoundingClientRect().left;
  const runStart = range.x0 + hit.left * perPx;
  const runEnd = runStart + hit.width * perPx;
  const [start, end] = range.zoomIntoRun(runStart, runEnd, range.x0 + px * perPx, px / widthPx);
  target.animateTo(start, end);
}
