// Bundles the extension host code, the CLI, the decode worker and the webview with esbuild.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
};

/** Entry points that exist at this point of the project's history; later ones are optional. */
const node = [
  { in: 'src/extension.ts', out: 'dist/extension.js', external: ['vscode'] },
  { in: 'src/cli.ts', out: 'dist/cli.js', banner: '#!/usr/bin/env node' },
  { in: 'src/worker/decode-worker.ts', out: 'dist/decode-worker.js' },
].filter((e) => existsSync(e.in));

const browser = [
  { in: 'webview/main.ts', out: 'dist/webview.js' },
  // Graphviz (WebAssembly inside), loaded only when the Call Graph tab opens.
  { in: 'webview/callgraph/layout-entry.ts', out: 'dist/callgraph-layout.js' },
].filter((e) => existsSync(e.in));

const contexts = [];
for (const e of node) {
  contexts.push(
    await esbuild.context({
      ...common,
      entryPoints: [e.in],
      outfile: e.out,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: e.external ?? [],
      banner: e.banner ? { js: e.banner } : undefined,
    }),
  );
}
for (const e of browser) {
  contexts.push(
    await esbuild.context({
      ...common,
      entryPoints: [e.in],
      outfile: e.out,
      platform: 'browser',
      target: 'chrome120',
      format: 'iife',
      loader: { '.css': 'text' },
    }),
  );
}

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
