import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentSecurityPolicy, renderWebviewHtml } from '../../../src/profile-editor/webview-html';

const parts = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'abc123+/=',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/webview.css',
};

test('the CSP allows only our nonce for scripts and nothing inline or eval (WebAssembly compilation only)', () => {
  const csp = contentSecurityPolicy(parts.cspSource, parts.nonce);
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'nonce-abc123\+\/=' 'wasm-unsafe-eval'(;|$)/);
  assert.doesNotMatch(csp.replace("'wasm-unsafe-eval'", ''), /unsafe-inline|unsafe-eval|\*/);
});

test('the HTML has one nonce-carrying external script and no inline script or style', () => {
  const html = renderWebviewHtml(parts);
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  assert.deepEqual(scripts, [`<script nonce="${parts.nonce}" src="${parts.scriptUri}">`]);
  assert.doesNotMatch(html, /<script[^>]*>\s*\S+\s*<\/script>/);
  assert.doesNotMatch(html, /<style|style="/);
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
});

test('attribute values are escaped', () => {
  const html = renderWebviewHtml({ ...parts, styleUri: 'x"><script>alert(1)</script>' });
  assert.doesNotMatch(html, /x"><script>/);
  assert.match(html, /x&quot;&gt;&lt;script&gt;/);
});
