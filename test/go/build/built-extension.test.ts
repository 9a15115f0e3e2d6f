/**
 * The extension as the build ships it loads the server clients only when a server is used:
 * dist/extension.js (what VS Code loads to activate) must not load dist/extension-vendor.js
 * (the RPC packages, most of the code) when it is loaded, and Open from Server's client must
 * find them there. Loaded in a child Node with a stand-in `vscode` module (only module loading
 * is looked at; activation itself is tested in a real VS Code). Needs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../../support/go-fixtures';

const extension = join(repoRoot, 'dist', 'extension.js');
const vendor = join(repoRoot, 'dist', 'extension-vendor.js');

/** Loads dist/extension.js with `vscode` resolved to an empty stand-in; prints what it loaded. */
const probe = `
const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) { return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest); };
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: {} };
const ext = require(process.argv[1]);
const loaded = () => Object.keys(require.cache).filter((k) => k.endsWith('-vendor.js'));
const atLoad = loaded();
const vendor = require(process.argv[2]);
console.log(JSON.stringify({ exports: Object.keys(ext).sort(), atLoad, packages: Object.keys(vendor).sort() }));
`;

test('dist/extension.js loads without the server clients; they are in dist/extension-vendor.js', () => {
  for (const f of [extension, vendor]) assert.ok(existsSync(f), `${f} is missing: run npm run build first`);
  const r = spawnSync(process.execPath, ['-e', probe, extension, vendor], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const seen = JSON.parse(r.stdout) as { exports: string[]; atLoad: string[]; packages: string[] };
  assert.deepEqual(seen.atLoad, [], 'loading the extension loaded a vendor bundle');
  assert.deepEqual(seen.exports, ['activate', 'deactivate']);
  for (const p of ['@connectrpc/connect', '@parca/client', '@protobuf-ts/grpcweb-transport']) assert.ok(seen.packages.includes(p), `${p} in the vendor bundle: ${seen.packages.join(', ')}`);
});
