/**
 * The call graph's layout engine, a separate bundle (dist/callgraph-layout.js) loaded only when
 * the Call Graph tab opens: Graphviz compiled to WebAssembly (@viz-js/viz, the wasm embedded in
 * the script). It publishes `window.goProfilerLayout` and fires "goprofiler-layout-ready".
 */
import { instance } from '@viz-js/viz';
import type { LayoutEngine } from './layout-loader';

void instance().then(
  (viz) => {
    const engine: LayoutEngine = {
      layout(dot: string): string {
        const result = viz.render(dot, { format: 'json0', engine: 'dot' });
        if (result.status !== 'success') throw new Error(result.errors.map((e) => e.message).join('; ') || 'Graphviz failed');
        return result.output;
      },
    };
    window.goProfilerLayout = engine;
    window.dispatchEvent(new Event('goprofiler-layout-ready'));
  },
  (error: unknown) => {
    window.goProfilerLayoutError = error instanceof Error ? error.message : String(error);
    window.dispatchEvent(new Event('goprofiler-layout-ready'));
  },
);
