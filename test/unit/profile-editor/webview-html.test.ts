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
  assert.match(csp, /style-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net 'nonce-abc123\+\/='(;|$)/);
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

test('an inlined page: the bundle and its style as nonce-carrying elements, the folder of the bundles in data-dist', () => {
  const html = renderWebviewHtml({ ...parts, inline: { script: 'console.log("a < b");', style: 'body { color: red; }' } });
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  assert.deepEqual(scripts, [`<script nonce="${parts.nonce}" data-dist="https://file+.vscode-resource.vscode-cdn.net/ext/dist/">`]);
  assert.match(html, /<script [^>]*>console\.log\("a < b"\);<\/script>/);
  assert.match(html, new RegExp(`<style nonce="abc123\\+/=">body \\{ color: red; \\}</style>`));
  assert.doesNotMatch(html, /<link|src=/);
});

test('text that would end its element early is linked instead of inlined', () => {
  for (const inline of [
    { script: 'const s = "</script><img src=x onerror=alert(1)>";', style: '' },
    { script: 'x = 1; <!-- y', style: '' },
    { script: 'ok();', style: 'a { } </STYLE><script>alert(1)</script>' },
  ]) {
    const html = renderWebviewHtml({ ...parts, inline });
    assert.deepEqual([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]), [`<script nonce="${parts.nonce}" src="${parts.scriptUri}">`], JSON.stringify(inline));
    assert.doesNotMatch(html, /alert|<style/);
  }
});
