/**
 * Makes the code cache of the extension bundle (src/loader/code-cache.ts): stamps the bundle with
 * its content hash, loads it (its module code runs, activate() is not called: that needs a real
 * VS Code) with a stand-in `vscode` module, and writes V8's cache next to the bundle.
 * Run by scripts/build.mjs: node --import tsx scripts/extension-code-cache.ts dist/extension-main.js
 */
import Module from 'node:module';
import { resolve } from 'node:path';
import { loadBundle, stampBundle, writeCodeCache } from '../src/loader/code-cache';

type Resolve = (request: string, ...rest: unknown[]) => string;
const internals = Module as unknown as { _resolveFilename: Resolve; _cache: Record<string, unknown> };

/** `require('vscode')` answers an empty object: module code only reads vscode's API inside functions. */
function standInVscode(): void {
  const original = internals._resolveFilename;
  internals._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === 'vscode' ? 'vscode' : original.call(this, request, ...rest);
  };
  internals._cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: {} };
}

const bundle = process.argv[2];
if (bundle === undefined) {
  console.error('usage: node --import tsx scripts/extension-code-cache.ts dist/extension-main.js');
  process.exit(2);
}
try {
  const path = resolve(bundle);
  stampBundle(path);
  standInVscode();
  writeCodeCache(path, loadBundle(path, false));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
