/**
 * Real-Chromium harness for webview code: bundles a test page with esbuild, serves it from a
 * throwaway 127.0.0.1 server under the extension's own CSP (nonce'd script, no inline
 * anything), and drives Debian's Chromium with playwright-core.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { contentSecurityPolicy } from '../../src/profile-editor/webview-html';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const resultsDir = join(repoRoot, 'test-results', 'webview');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Theme variables as VS Code sets them, for a light and a dark body class. */
const THEME_CSS = `
html, body { margin: 0; height: 100%; }
body { font-family: system-ui, sans-serif; }
#app { height: 100vh; }
body.vscode-light { --vscode-editor-background: #ffffff; --vscode-editor-foreground: #3b3b3b; --vscode-focusBorder: #005fb8;
  --vscode-font-family: system-ui, sans-serif; --vscode-font-size: 13px; --vscode-editorHoverWidget-background: #f8f8f8;
  --vscode-editorHoverWidget-foreground: #3b3b3b; --vscode-editorHoverWidget-border: #c8c8c8; --vscode-textLink-foreground: #005fb8;
  --vscode-input-background: #ffffff; --vscode-input-border: #cecece; --vscode-button-secondaryBackground: #e5e5e5;
  --vscode-button-secondaryForeground: #3b3b3b; --vscode-panel-border: #e5e5e5; background: #ffffff; color: #3b3b3b; }
body.vscode-dark { --vscode-editor-background: #1f1f1f; --vscode-editor-foreground: #cccccc; --vscode-focusBorder: #0078d4;
  --vscode-font-family: system-ui, sans-serif; --vscode-font-size: 13px; --vscode-editorHoverWidget-background: #202020;
  --vscode-editorHoverWidget-foreground: #cccccc; --vscode-editorHoverWidget-border: #454545; --vscode-textLink-foreground: #4daafc;
  --vscode-input-background: #313131; --vscode-input-border: #3c3c3c; --vscode-input-foreground: #cccccc;
  --vscode-button-secondaryBackground: #313131; --vscode-button-secondaryForeground: #cccccc; --vscode-panel-border: #2b2b2b;
  background: #1f1f1f; color: #cccccc; }
body.vscode-high-contrast { --vscode-editor-background: #000000; --vscode-editor-foreground: #ffffff; --vscode-focusBorder: #f38518;
  --vscode-font-family: system-ui, sans-serif; --vscode-font-size: 13px; --vscode-editorHoverWidget-background: #0c141f;
  --vscode-editorHoverWidget-foreground: #ffffff; --vscode-editorHoverWidget-border: #6fc3df; --vscode-textLink-foreground: #21a6ff;
  --vscode-input-background: #000000; --vscode-input-border: #6fc3df; --vscode-input-foreground: #ffffff;
  --vscode-button-secondaryBackground: #000000; --vscode-button-secondaryForeground: #ffffff; --vscode-panel-border: #6fc3df;
  --vscode-contrastBorder: #6fc3df;
  background: #000000; color: #ffffff; }
`;

export async function bundlePage(entry: string): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return result.outputFiles[0]!.text;
}

export interface TestServer {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

/** Serves `/` (the page shell with the CSP), `/page.js`, `/theme.css` and `extra` scripts by path. */
export async function serve(script: string, theme: 'light' | 'dark' = 'light', extra: Readonly<Record<string, string>> = {}): Promise<TestServer> {
  const server = createServer((req, res) => {
    const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/page.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(script);
    } else if (path !== undefined && Object.hasOwn(extra, path)) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(extra[path]);
    } else if (path === '/theme.css') {
      res.writeHead(200, { 'content-type': 'text/css; charset=utf-8' }).end(THEME_CSS);
    } else if (path === '/favicon.ico') {
      res.writeHead(204).end();
    } else if (path === '/') {
      const nonce = randomBytes(16).toString('base64');
      const csp = contentSecurityPolicy(origin, nonce);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="stylesheet" href="/theme.css"><title>flame test</title></head>
<body class="vscode-${theme}"><main id="app"></main>
<script nonce="${nonce}" src="/page.js"></script></body></html>`);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    server,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

export interface TestBrowser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(options: { deviceScaleFactor?: number } = {}): Promise<TestBrowser> {
  const profileDir = mkdtempSync(join(tmpdir(), 'gp-chromium-'));
  const configDir = join(profileDir, 'xdg-config');
  mkdirSync(configDir);
  const context = await chromium.launchPersistentContext(join(profileDir, 'user-data'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...process.env, XDG_CONFIG_HOME: configDir },
    viewport: { width: 1200, height: 700 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** Collects dialogs and page errors, which must stay empty in every test. */
export function watchPage(page: Page): { dialogs: string[]; errors: string[] } {
  const seen = { dialogs: [] as string[], errors: [] as string[] };
  page.on('dialog', (d) => {
    seen.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') seen.errors.push(m.text());
  });
  return seen;
}

export function ensureResultsDir(): string {
  mkdirSync(resultsDir, { recursive: true });
  return resultsDir;
}
