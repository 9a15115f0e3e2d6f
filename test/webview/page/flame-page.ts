/**
 * Test page for the flame graph: receives the model by postMessage (a structured clone, as
 * in the VS Code webview), mounts the component and answers the Node side's questions.
 */
import { mountFlameGraph } from '../../../webview/flame/index';
import type { FlameFrameRef, FlameGraphHandle, FlameGraphModel, FlameGraphOptions } from '../../../webview/flame/index';
import type { FlameTestApi, FrameEvent, WireModel } from '../page-api';

interface ModelMessage {
  readonly kind: 'flame-model';
  readonly model: FlameGraphModel;
  readonly options: FlameGraphOptions;
}

let handle: FlameGraphHandle | undefined;
let mounted: ((times: { firstPaintMs: number; firstFrameMs: number; postedToPaintMs: number }) => void) | undefined;
let posted = 0;
let paintLog: number[] | undefined;
const openSource: FrameEvent[] = [];
const selected: FrameEvent[] = [];
const cspViolations: string[] = [];

function bytesOf(base64: string): ArrayBuffer {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes.buffer;
}

function fromWire(wire: WireModel): FlameGraphModel {
  return {
    unit: wire.unit,
    tree: {
      frames: wire.frames,
      parent: new Int32Array(bytesOf(wire.parent)),
      frame: new Int32Array(bytesOf(wire.frame)),
      value: new Float64Array(bytesOf(wire.value)),
      self: new Float64Array(bytesOf(wire.self)),
    },
  };
}

function plain(frame: FlameFrameRef): FrameEvent {
  return { name: frame.name, file: frame.file, line: frame.line, node: frame.node };
}

function current(): FlameGraphHandle {
  if (!handle) throw new Error('no flame graph mounted');
  return handle;
}

function frames(): Promise<void> {
  return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
}

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

document.addEventListener('securitypolicyviolation', (e) => {
  cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
});

window.addEventListener('message', (event: MessageEvent<ModelMessage>) => {
  if (event.data?.kind !== 'flame-model') return;
  const arrived = performance.now();
  let firstPaintMs = -1;
  handle?.dispose();
  handle = mountFlameGraph(
    document.getElementById('app')!,
    event.data.model,
    {
      onOpenSource: (frame) => openSource.push(plain(frame)),
      onSelect: (frame) => selected.push(plain(frame)),
      onCaptureImage: () => undefined,
      onPaint: (ms) => {
        if (firstPaintMs < 0) firstPaintMs = performance.now() - arrived;
        paintLog?.push(ms);
      },
    },
    event.data.options,
  );
  const postedToPaintMs = firstPaintMs + (arrived - posted);
  requestAnimationFrame(() => mounted?.({ firstPaintMs, firstFrameMs: performance.now() - arrived, postedToPaintMs }));
});

const api: FlameTestApi = {
  load(wire, options) {
    return new Promise((resolve) => {
      mounted = resolve;
      const message: ModelMessage = { kind: 'flame-model', model: fromWire(wire), options };
      posted = performance.now();
      window.postMessage(message, '*');
    });
  },
  setTheme(kind) {
    document.body.classList.remove('vscode-light', 'vscode-dark', 'vscode-high-contrast');
    document.body.classList.add(`vscode-${kind}`);
  },
  frameBox(node) {
    const r = current().frameRect(node);
    return r ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
  },
  canvasBox() {
    const r = document.querySelector('.gp-flame-canvas')!.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  },
  tooltip() {
    const tip = document.querySelector<HTMLElement>('.gp-flame-tooltip')!;
    const text = (sel: string): string => tip.querySelector(sel)?.textContent ?? '';
    return {
      name: text('.gp-name'),
      location: text('.gp-file'),
      total: text('.gp-total'),
      ofParent: text('.gp-parent'),
      self: text('.gp-self'),
      value: Number(tip.dataset.value),
      visible: !tip.hidden,
    };
  },
  breadcrumb() {
    return Array.from(document.querySelectorAll('.gp-flame-crumbs button'), (b) => b.textContent ?? '');
  },
  pixel(x, y) {
    const canvas = document.querySelector<HTMLCanvasElement>('.gp-flame-canvas')!;
    const box = canvas.getBoundingClientRect();
    const scale = canvas.width / box.width;
    const data = canvas.getContext('2d')!.getImageData(Math.floor((x - box.left) * scale), Math.floor((y - box.top) * scale), 1, 1).data;
    return [data[0]!, data[1]!, data[2]!];
  },
  nextFrame: frames,
  zoomedNode: () => current().zoomedNode,
  selectedNode: () => current().selectedNode,
  nodesNamed: (name) => current().nodesNamed(name),
  selectByName: (name) => current().selectByName(name),
  zoomTo: (node) => current().zoomTo(node),
  search: (pattern) => current().search(pattern) ?? null,
  openSource: () => openSource.slice(),
  selected: () => selected.slice(),
  cspViolations: () => cspViolations.slice(),
  viewState: () => current().viewState(),
  restoreViewState: (state) => current().restoreViewState(state),
  searchStatus: () => document.querySelector('.gp-flame-status')?.textContent ?? '',
  canvasResolution() {
    const canvas = document.querySelector<HTMLCanvasElement>('.gp-flame-canvas')!;
    const box = canvas.getBoundingClientRect();
    return { width: canvas.width, height: canvas.height, cssWidth: box.width, cssHeight: box.height, dpr: devicePixelRatio };
  },
  async exportPng() {
    const blob = await current().exportPng();
    const bitmap = await createImageBitmap(blob);
    return { type: blob.type, width: bitmap.width, height: bitmap.height, base64: base64Of(new Uint8Array(await blob.arrayBuffer())) };
  },
  async exportSvg() {
    const text = current().exportSvg();
    const image = new Image();
    image.src = `data:image/svg+xml;base64,${base64Of(new TextEncoder().encode(text))}`;
    await image.decode();
    const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      text,
      width: image.naturalWidth,
      height: image.naturalHeight,
      parserError: parsed.querySelector('parsererror') !== null,
      rects: parsed.querySelectorAll('rect').length,
      labels: Array.from(parsed.querySelectorAll('text'), (t) => t.textContent ?? ''),
      titles: Array.from(parsed.querySelectorAll('title'), (t) => t.textContent ?? ''),
      scripts: parsed.querySelectorAll('script').length,
    };
  },
  domCounts() {
    return {
      img: document.querySelectorAll('img').length,
      bold: document.querySelectorAll('b').length,
      scripts: document.querySelectorAll('script').length,
    };
  },
  emptyState() {
    const empty = document.querySelector<HTMLElement>('.gp-flame-empty')!;
    const main = document.querySelector<HTMLElement>('.gp-flame-main')!;
    return { emptyVisible: !empty.hidden, mainVisible: !main.hidden, text: empty.textContent ?? '' };
  },
  async benchZoom(nodes, animationMs) {
    const log: number[] = [];
    const intervals: number[] = [];
    const h = current();
    paintLog = log;
    let last = performance.now();
    let running = true;
    const tick = (): void => {
      const now = performance.now();
      intervals.push(now - last);
      last = now;
      if (running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    for (const node of nodes) {
      h.zoomTo(node);
      await new Promise((done) => setTimeout(done, animationMs + 50));
      h.back();
      await new Promise((done) => setTimeout(done, animationMs + 50));
    }
    running = false;
    paintLog = undefined;
    return { frames: log, intervals: intervals.slice(1) };
  },
};

(window as unknown as { flameTest: FlameTestApi }).flameTest = api;
