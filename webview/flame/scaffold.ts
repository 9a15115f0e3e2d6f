/** The component's static elements: everything but the toolbar, breadcrumb and tooltip. */
import { el } from './dom';

export interface FlameScaffold {
  readonly root: HTMLDivElement;
  /** Toolbar, breadcrumb and the scrolling canvas; hidden for an empty profile. */
  readonly main: HTMLDivElement;
  readonly empty: HTMLDivElement;
  /** Scrolls vertically; the canvas sticks to its top and the sizer gives it the graph's height. */
  readonly scroller: HTMLDivElement;
  readonly canvas: HTMLCanvasElement;
  readonly sizer: HTMLDivElement;
  /** Polite live region announcing the selected frame to screen readers. */
  readonly announcer: HTMLDivElement;
}

const DEFAULT_LABEL = 'Flame graph. Arrow keys move between frames, Enter opens the source, Space zooms, Escape goes back.';

export function buildScaffold(doc: Document, chrome: readonly HTMLElement[], tooltip: HTMLElement, label = DEFAULT_LABEL): FlameScaffold {
  const root = el(doc, 'div', 'gp-flame');
  const main = el(doc, 'div', 'gp-flame-main');
  const scroller = el(doc, 'div', 'gp-flame-scroll');
  const canvas = el(doc, 'canvas', 'gp-flame-canvas');
  canvas.tabIndex = 0;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  const sizer = el(doc, 'div', 'gp-flame-sizer');
  scroller.append(canvas, sizer);
  const announcer = el(doc, 'div', 'gp-sr-only');
  announcer.setAttribute('aria-live', 'polite');
  main.append(...chrome, scroller, announcer);
  const empty = el(doc, 'div', 'gp-flame-empty');
  empty.append(
    el(doc, 'div', 'gp-title', 'No samples to show'),
    el(doc, 'div', 'gp-detail', 'This profile has no samples for the selected sample type. Try another sample type, or capture for longer while the program is busy.'),
  );
  root.append(main, empty, tooltip);
  return { root, main, empty, scroller, canvas, sizer, announcer };
}
