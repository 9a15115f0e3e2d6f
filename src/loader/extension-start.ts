/**
 * dist/extension.js, what VS Code loads to activate: compiles the extension (dist/extension-main.js)
 * with V8's code cache made at build time (code-cache.ts; a cache from another build or another V8,
 * e.g. a desktop VS Code's Electron, is refused and the bundle compiles from source as before).
 * The bundle's `require` is a createRequire of its own path, so VS Code's extension host still
 * answers `require('vscode')` with this extension's API (it looks the extension up by that path).
 */
import { join } from 'node:path';
import { loadBundle } from './code-cache';

interface ExtensionMain {
  activate(context: unknown): void;
  deactivate(): Promise<void>;
}

const loaded = loadBundle(join(__dirname, 'extension-main.js'));
const main = loaded.exports as unknown as ExtensionMain;
// Read by the activation line (src/extension.ts): whether V8 took the cache, and when loading
// ended (VS Code then prepares the extension's context before it calls activate()).
Object.assign(globalThis, { __goProfilerCodeCache: loaded.cached, __goProfilerLoadEnd: performance.now() });

export function activate(context: unknown): void {
  main.activate(context);
}

export function deactivate(): Promise<void> {
  return main.deactivate();
}
