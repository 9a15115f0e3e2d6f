/**
 * Loads the Graphviz bundle on first use: a script tag with the page's nonce, next to the
 * webview's own script (dist/callgraph-layout.js beside dist/webview.js).
 */
export interface LayoutEngine {
  /** DOT in, Graphviz `json0` out. */
  layout(dot: string): string;
}

declare global {
  interface Window {
    goProfilerLayout?: LayoutEngine;
    goProfilerLayoutError?: string;
  }
}

export const LAYOUT_SCRIPT = 'callgraph-layout.js';

let loading: Promise<LayoutEngine> | undefined;

/** The webview's own script, captured while it runs (document.currentScript is gone later). */
const ownScript = document.currentScript instanceof HTMLScriptElement ? document.currentScript : undefined;

export function loadLayoutEngine(): Promise<LayoutEngine> {
  loading ??= new Promise<LayoutEngine>((resolve, reject) => {
    const ready = (): void => {
      if (window.goProfilerLayout) resolve(window.goProfilerLayout);
      else reject(new Error(`Graphviz could not start: ${window.goProfilerLayoutError ?? 'unknown error'}`));
    };
    if (window.goProfilerLayout) return ready();
    const current = ownScript ?? document.querySelector<HTMLScriptElement>('script[src]');
    if (!current) return reject(new Error('Graphviz could not be loaded: no script element to load it beside'));
    window.addEventListener('goprofiler-layout-ready', ready, { once: true });
    const script = document.createElement('script');
    script.nonce = current.nonce ?? '';
    // An inline page script names the folder of the bundles in data-dist (see webview-html.ts).
    script.src = new URL(LAYOUT_SCRIPT, current.dataset['dist'] ?? current.src).href;
    script.addEventListener('error', () => reject(new Error(`Graphviz could not be loaded from ${LAYOUT_SCRIPT}`)));
    document.head.append(script);
  });
  loading.catch(() => (loading = undefined));
  return loading;
}
