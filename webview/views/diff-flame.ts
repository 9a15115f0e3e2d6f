/**
 * The flame graph of a comparison: widths are the current profile's values, colours the
 * change from the base (red grew, green shrank). Optionally normalised: the base is scaled
 * to the current total first, so a longer capture does not paint everything red.
 */
import { formatValue } from '../../src/shared/units';
import type { StackTreeView } from '../../src/shared/view-model';
import { element } from '../dom';
import { changeRatio, diffFill } from './diff-colors';
import { sourceLine } from './view-module';

const ROW = 18;
const CHANGES_LISTED = 8;

export interface DiffFlameCallbacks {
  onSelect(name: string): void;
  onOpenSource(file: string, line: number): void;
}

export interface DiffFlameHandle {
  /** Outlines matching frames; returns the status text. */
  search(pattern: RegExp | undefined): string;
  select(name: string | undefined): void;
  dispose(): void;
}

interface Drawn {
  readonly node: number;
  readonly x: number;
  readonly y: number;
  readonly w: number;
}

export function mountDiffFlame(host: HTMLElement, view: StackTreeView, callbacks: DiffFlameCallbacks): DiffFlameHandle {
  const base = view.base ?? new Float64Array(view.value.length);
  const baseSelf = view.baseSelf ?? new Float64Array(view.value.length);
  const baseTotal = view.baseTotal ?? 0;
  const n = view.value.length;
  const depth = new Int32Array(n);
  const x = new Float64Array(n);
  for (let v = 1; v < n; v++) depth[v] = depth[view.parent[v]!]! + 1;
  for (let v = 0; v < n; v++) {
    let offset = x[v]!;
    const first = view.firstChild[v]!;
    for (let c = first; c < first + view.childCount[v]!; c++) {
      x[c] = offset;
      offset += view.value[c]!;
    }
  }
  const name = (v: number): string => (v === 0 ? 'root' : (view.frames[view.frame[v]!]?.name ?? ''));

  // Off by default: colours then say what pprof -base says (absolute change).
  let normalise = false;
  let pattern: RegExp | undefined;
  let selected: string | undefined;
  let drawn: Drawn[] = [];
  /** The node whose subtree fills the width (0: everything). */
  let zoom = 0;

  const normaliseBox = element('input', { attrs: { type: 'checkbox', 'data-testid': 'diff-normalise' } });
  const resetZoom = element('button', { className: 'tb-button', text: 'Reset zoom', attrs: { type: 'button', 'data-testid': 'diff-reset-zoom' } });
  resetZoom.disabled = true;
  normaliseBox.checked = false;
  const legend = element('span', { className: 'diff-legend', text: `Red grew, green shrank since ${view.baseSource ?? 'the base'}; width is the current profile.` });
  const canvas = element('canvas', { className: 'diff-canvas', attrs: { 'data-testid': 'diff-flame', tabindex: '0', role: 'img', 'aria-label': 'Diff flame graph' } });
  const scroller = element('div', { className: 'diff-scroll' }, [canvas]);
  const changes = element('ol', { className: 'diff-changes', attrs: { 'data-testid': 'diff-changes', 'aria-label': 'Biggest changes' } });
  const root = element('div', { className: 'diff-flame' }, [
    element('div', { className: 'diff-toolbar' }, [
      element('label', { className: 'tb-check' }, [normaliseBox, element('span', { text: 'Normalise to the same total' })]),
      resetZoom,
      legend,
    ]),
    scroller,
    element('div', { className: 'diff-changes-title', text: 'Biggest changes (self)' }),
    changes,
  ]);
  host.append(root);

  const baseOf = (v: number): number => (normalise && baseTotal !== 0 ? (base[v]! * view.total) / baseTotal : base[v]!);

  function paint(): void {
    const width = Math.max(scroller.clientWidth, 200);
    let maxDepth = 0;
    for (let v = 0; v < n; v++) if (depth[v]! > maxDepth) maxDepth = depth[v]!;
    const height = (maxDepth + 1) * ROW;
    const dpr = globalThis.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.scale(dpr, dpr);
    const dark = document.body.classList.contains('vscode-dark') || document.body.classList.contains('vscode-high-contrast');
    const style = getComputedStyle(document.body);
    ctx.fillStyle = style.getPropertyValue('--vscode-editor-background') || (dark ? '#1e1e1e' : '#ffffff');
    ctx.fillRect(0, 0, width, height);
    ctx.font = `12px ${style.getPropertyValue('--vscode-font-family') || 'sans-serif'}`;
    ctx.textBaseline = 'middle';
    const span = view.value[zoom]!;
    const scale = span !== 0 ? width / span : 0;
    const origin = x[zoom]!;
    drawn = [];
    for (let v = 0; v < n; v++) {
      // Outside the zoomed range (or under half a pixel): not drawn; ancestors are clipped.
      const rawLeft = (x[v]! - origin) * scale;
      const rawRight = rawLeft + view.value[v]! * scale;
      const left = Math.max(rawLeft, 0);
      const w = Math.min(rawRight, width) - left;
      if (w < 0.5) continue;
      const top = depth[v]! * ROW;
      drawn.push({ node: v, x: left, y: top, w });
      ctx.fillStyle = diffFill(changeRatio(view.value[v]!, baseOf(v)), dark);
      ctx.fillRect(left, top, Math.max(w - 1, 0.5), ROW - 1);
      const label = name(v);
      const match = pattern?.test(label) === true;
      if (match || label === selected) {
        ctx.strokeStyle = match ? (dark ? '#ffd54f' : '#7a4f00') : style.getPropertyValue('--vscode-focusBorder') || '#0078d4';
        ctx.lineWidth = 2;
        ctx.strokeRect(left + 1, top + 1, Math.max(w - 3, 0), ROW - 3);
      }
      if (w > 24) {
        ctx.fillStyle = dark ? '#f2f2f2' : '#1b1b1b';
        ctx.fillText(fit(ctx, label, w - 6), left + 3, top + ROW / 2);
      }
    }
    listChanges();
  }

  function listChanges(): void {
    // Self change per function, biggest |delta| first.
    const delta = new Map<string, { current: number; base: number; node: number }>();
    for (let v = 1; v < n; v++) {
      const entry = delta.get(name(v)) ?? { current: 0, base: 0, node: v };
      entry.current += view.self[v]!;
      entry.base += (normalise && baseTotal !== 0 ? view.total / baseTotal : 1) * baseSelf[v]!;
      if (view.value[v]! > view.value[entry.node]!) entry.node = v;
      delta.set(name(v), entry);
    }
    const rows = [...delta].filter(([, d]) => d.current !== d.base).sort((a, b) => Math.abs(b[1].current - b[1].base) - Math.abs(a[1].current - a[1].base)).slice(0, CHANGES_LISTED);
    changes.replaceChildren(
      ...rows.map(([fn, d]) => {
        const grew = d.current > d.base;
        const box = drawn.find((r) => r.node === d.node);
        const text = `${grew ? '▲' : '▼'} ${fn}: ${formatValue(d.base, view.unit)} → ${formatValue(d.current, view.unit)}`;
        return element('li', {
          className: grew ? 'grew' : 'shrank',
          text,
          attrs: {
            'data-name': fn,
            'data-change': grew ? 'grew' : 'shrank',
            // A point in the bar clear of its label (for tests and tooling).
            ...(box ? { 'data-x': String(Math.round(box.x + Math.max(box.w - 4, box.w / 2))), 'data-y': String(box.y + ROW / 2) } : {}),
          },
        });
      }),
    );
  }

  function hit(event: MouseEvent): number {
    const box = canvas.getBoundingClientRect();
    const px = event.clientX - box.left;
    const py = event.clientY - box.top;
    const found = drawn.find((r) => py >= r.y && py < r.y + ROW && px >= r.x && px < r.x + r.w);
    return found ? found.node : -1;
  }

  const open = (v: number): void => {
    const f = view.frames[view.frame[v]!];
    if (f) callbacks.onOpenSource(f.file, sourceLine(f.line, f.startLine));
  };
  const zoomTo = (v: number): void => {
    zoom = v;
    resetZoom.disabled = v === 0;
    paint();
  };
  canvas.addEventListener('click', (e) => {
    const v = hit(e);
    if (v < 0) return;
    if (e.ctrlKey || e.metaKey) return open(v);
    // Like the flame graph: a click zooms into the frame and selects it.
    zoomTo(v);
    if (v > 0) callbacks.onSelect(name(v));
  });
  canvas.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') zoomTo(0);
  });
  resetZoom.addEventListener('click', () => zoomTo(0));
  canvas.addEventListener('dblclick', (e) => {
    const v = hit(e);
    if (v > 0) open(v);
  });
  canvas.addEventListener('mousemove', (e) => {
    const v = hit(e);
    if (v < 0) {
      canvas.title = '';
      return;
    }
    const b = baseOf(v);
    const c = view.value[v]!;
    const pct = b === 0 ? 'new' : `${(((c - b) / Math.abs(b)) * 100).toFixed(1)}%`;
    canvas.title = `${name(v)}\n${formatValue(b, view.unit)} → ${formatValue(c, view.unit)} (${pct})`;
  });
  normaliseBox.addEventListener('change', () => {
    normalise = normaliseBox.checked;
    paint();
  });
  const observer = new ResizeObserver(() => paint());
  observer.observe(scroller);
  paint();

  return {
    search(next) {
      pattern = next;
      paint();
      if (!next) return '';
      let matches = 0;
      for (let v = 1; v < n; v++) if (next.test(name(v))) matches++;
      return `${matches} ${matches === 1 ? 'match' : 'matches'}`;
    },
    select(next) {
      selected = next;
      paint();
    },
    dispose() {
      observer.disconnect();
      root.remove();
    },
  };
}

function fit(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.measureText(`${text.slice(0, mid)}…`).width <= width) lo = mid;
    else hi = mid - 1;
  }
  return lo > 0 ? `${text.slice(0, lo)}…` : '';
}
