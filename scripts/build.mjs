// Bundles the extension host code, the CLI, the decode worker and the webview with esbuild.
// --watch rebuilds on every change (npm run watch); --production minifies.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** In watch mode, one line per rebuild, so the terminal shows that a change was picked up. */
const announce = {
  name: 'announce',
  setup(build) {
    build.onEnd((result) => {
      const what = result.errors.length > 0 ? `${result.errors.length} error(s)` : 'built';
      console.log(`${new Date().toLocaleTimeString()} ${build.initialOptions.outfile}: ${what}`);
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
  plugins: watch ? [announce] : [],
};

/**
 * The server clients (the npm packages under these scopes: most of the code of both the CLI and
 * the extension) go to a bundle of their own, loaded on first use: by `go-profiler pull` for the
 * CLI (dist/cli-vendor.js), by Open from Server for the extension (dist/extension-vendor.js), so
 * every other command and the extension's activation load a bundle a third the size. One vendor
 * bundle per product, so each package is loaded once (its classes stay one class: instanceof
 * ConnectError). Code that imports them must be reached through import() to stay lazy.
 */
const VENDOR = /^@(parca|bufbuild|protobuf-ts|connectrpc)\//;
function vendorSplit(vendorFile) {
  const vendorRequest = `./${vendorFile}`;
  return {
    name: 'vendor-split',
    setup(build) {
      const seen = new Set();
      let built = '';
      build.onResolve({ filter: VENDOR }, (args) => {
        seen.add(args.path);
        return { path: args.path, namespace: 'vendor-split' };
      });
      build.onResolve({ filter: /^\.\/[a-z-]+-vendor\.js$/ }, (args) => ({ path: args.path, external: true }));
      build.onLoad({ filter: /.*/, namespace: 'vendor-split' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(vendorRequest)})[${JSON.stringify(args.path)}];`,
        loader: 'js',
      }));
      build.onEnd(async (result) => {
        const specifiers = [...seen].sort();
        if (result.errors.length > 0 || specifiers.join() === built) return;
        built = specifiers.join();
        await esbuild.build({
          ...common,
          plugins: [],
          stdin: { contents: `module.exports = {${specifiers.map((p) => `${JSON.stringify(p)}: require(${JSON.stringify(p)})`).join(', ')}};`, resolveDir: '.', loader: 'js' },
          outfile: `dist/${vendorFile}`,
          platform: 'node',
          target: 'node20',
          format: 'cjs',
        });
      });
    },
  };
}

const node = [
  // The banner and footer mark when VS Code started and finished loading the bundle: activate()
  // logs the bundle's own load time apart from VS Code's time before it calls activate().
  {
    in: 'src/extension.ts',
    out: 'dist/extension.js',
    external: ['vscode'],
    banner: 'globalThis.__goProfilerLoadStart = performance.now();',
    footer: 'globalThis.__goProfilerLoadEnd = performance.now();',
    plugins: [vendorSplit('extension-vendor.js')],
  },
  // dist/cli.js starts dist/cli-main.js (the CLI) from V8's code cache made below.
  { in: 'src/cli/cached-start.ts', out: 'dist/cli.js', banner: '#!/usr/bin/env node' },
  // Without comments and indentation: every start reads the bundle and hands it to V8 (its code
  // cache is checked against it), ~2.5 ms less for a third fewer bytes, and a comment's one
  // non-ASCII character made the whole source a two-byte string. Names stay (error messages).
  { in: 'src/cli.ts', out: 'dist/cli-main.js', plugins: [vendorSplit('cli-vendor.js')], minifyWhitespace: true },
  { in: 'src/worker/decode-worker.ts', out: 'dist/decode-worker.js' },
  { in: 'src/trace-editor/trace-worker.ts', out: 'dist/trace-worker.js' },
];

const browser = [
  { in: 'webview/main.ts', out: 'dist/webview.js' },
  { in: 'webview/trace/main.ts', out: 'dist/webview-trace.js' },
  // Graphviz (WebAssembly inside), loaded only when the Call Graph tab opens.
  { in: 'webview/callgraph/layout-entry.ts', out: 'dist/callgraph-layout.js' },
];

// A moved or renamed entry point is an error, not a bundle silently left out of dist/.
const missing = [...node, ...browser].filter((e) => !existsSync(e.in)).map((e) => e.in);
if (missing.length > 0) {
  console.error(`build: entry point${missing.length > 1 ? 's' : ''} not found: ${missing.join(', ')}`);
  process.exit(1);
}

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
      footer: e.footer ? { js: e.footer } : undefined,
      plugins: [...common.plugins, ...(e.plugins ?? [])],
      ...(e.minifyWhitespace === true ? { minifyWhitespace: true } : {}),
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
      // The profile page's script is inlined in its HTML: "</script" in a string is escaped.
      supported: { 'inline-script': false },
    }),
  );
}

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log(`build: watching ${contexts.length} bundles (Ctrl+C stops)`);
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  // The CLI's code cache (src/cli/code-cache.ts); watch mode rebuilds run without it.
  const made = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/cli-code-cache.ts', 'dist/cli-main.js'], { stdio: 'inherit' });
  if (made.status !== 0) {
    console.error('build: the CLI code cache was not made (see above)');
    process.exit(1);
  }
}
