/**
 * Node side of the editor test page: plays the extension host with the real worker handlers
 * (decode, views, comparison) and answers what the webview posts, as the host would.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Page } from 'playwright-core';
import { isHostViewRequest, type CspViolationMessage, type HostToWebview, type HostViewMethods, type WebviewRequest, type WebviewToHost } from '../../src/shared/protocol';
import type { ParamsOf, ResultOf } from '../../src/shared/rpc';
import { SourceAnnotator } from '../../src/profile-editor/source-annotator';
import type { HostToWorker, WorkerMethods } from '../../src/worker/worker-protocol';
import type { ProfileSummary, StackTreeView, ViewQuery } from '../../src/shared/view-model';
import { WorkerHandlers } from '../../src/worker/worker-handlers';
import { joinTreeParts, partStarts } from '../../webview/views/tree-parts';
import { bundlePage, repoRoot } from './harness';
import { encodeWire } from './page/editor-wire';
import type { EditorPageApi } from './page/editor-api';
import { join } from 'node:path';
import { pointInFrame, type NodeWidth } from './flame-geometry';

export function bundleEditorPage(): Promise<string> {
  return bundlePage(join(repoRoot, 'test/webview/page/editor-page.ts'));
}

export class EditorHost {
  readonly summary: ProfileSummary;
  readonly source: string;
  /** Every message the webview posted, in order. */
  readonly posted: WebviewToHost[] = [];
  /** What the webview reported through the product's own path (webview/csp-report.ts), as the host counts it. */
  readonly cspViolations: CspViolationMessage[] = [];
  /** The file the next "Compare with…" loads. */
  baseFile: string | undefined;
  /** The program's binary for the Disassembly tab (the sidecar's, or what "Choose Binary…" picks). */
  binary: string | undefined;
  /** What the next "Choose Binary…" picks (undefined: the dialog is cancelled). */
  chooseBinary: string | undefined;
  /** The product's host half of Source/Disassembly, over these handlers; files are found as named. */
  private readonly sources = new SourceAnnotator({
    sourceListing: async (params) => this.worker('sourceListing', params),
    disasmListing: async (params) => this.worker('disasmListing', params),
    functionOf: async (params) => this.worker('functionOf', params),
    resolve: async (file) => (existsSync(file) ? { path: file } : { error: `${file} is not on this machine` }),
    binary: async () => this.binary,
  });

  constructor(
    file: string,
    readonly modulePath?: string,
    source = basename(file),
    readonly handlers = new WorkerHandlers(),
  ) {
    this.source = source;
    const opened = this.handlers.answer({ kind: 'request', id: 0, method: 'open', params: { bytes: readFileSync(file), source, maxInflatedBytes: 1 << 30 } });
    if (!opened.ok || opened.method !== 'open') throw new Error(`could not open ${file}: ${opened.ok ? opened.method : opened.error}`);
    this.summary = opened.result;
  }

  /** The host with a debug=2 dump beside the profile, as the extension reads `<stem>.txt`. */
  static withGoroutineDump(profile: string, dump: string): EditorHost {
    const host = new EditorHost(profile);
    const params = { bytes: readFileSync(profile), source: host.source, maxInflatedBytes: 1 << 30, goroutineDump: readFileSync(dump, 'utf8') };
    const r = host.handlers.answer({ kind: 'request', id: 0, method: 'open', params });
    if (!r.ok) throw new Error(`could not open ${profile} with its dump: ${r.error}`);
    return host;
  }

  private worker<K extends 'sourceListing' | 'disasmListing' | 'functionOf'>(method: K, params: ParamsOf<WorkerMethods, K>): ResultOf<WorkerMethods, K> {
    const r = this.handlers.answer({ kind: 'request', id: 0, method, params } as HostToWorker);
    if (!r.ok) throw new Error(r.error);
    return r.result as ResultOf<WorkerMethods, K>;
  }

  /** Source and Disassembly requests, answered as the panel does (src/profile-editor/source-requests.ts). */
  private async hostView(request: Extract<WebviewRequest, { readonly method: keyof HostViewMethods }>): Promise<HostToWebview[]> {
    if (request.method === 'chooseBinary') this.binary = this.chooseBinary ?? this.binary;
    try {
      const result = request.method === 'source' ? await this.sources.source(request.params) : await this.sources.disasm(request.params);
      // The result is the one of request.method (source: SourceView, the others: DisasmView).
      return [{ kind: 'response', id: request.id, ok: true, method: request.method, result } as HostToWebview];
    } catch (error) {
      return [{ kind: 'response', id: request.id, ok: false, error: String(error) }];
    }
  }

  answer(message: WebviewToHost): HostToWebview[] | Promise<HostToWebview[]> {
    this.posted.push(message);
    switch (message.kind) {
      case 'ready':
        return [
          { kind: 'init', fileName: this.source },
          { kind: 'loaded', summary: this.summary, ...(this.modulePath ? { modulePath: this.modulePath } : {}) },
        ];
      case 'request': {
        if (isHostViewRequest(message)) return this.hostView(message);
        const response = this.handlers.answer(message);
        if (response.ok && (response.method === 'open' || response.method === 'openBase' || response.method === 'lineCosts' || response.method === 'sourceListing' || response.method === 'disasmListing' || response.method === 'functionOf')) return [];
        return [response];
      }
      case 'compareWith': {
        if (!this.baseFile) return [];
        const bytes = readFileSync(this.baseFile);
        const r = this.handlers.answer({ kind: 'request', id: 0, method: 'openBase', params: { bytes, source: basename(this.baseFile), maxInflatedBytes: 1 << 30 } });
        return [r.ok && r.method === 'openBase' ? { kind: 'baseLoaded', source: r.result.source } : { kind: 'baseFailed', message: r.ok ? '?' : r.error }];
      }
      case 'cspViolation':
        this.cspViolations.push(message);
        return [];
      case 'openSource':
      case 'saveImage':
      case 'stopComparing':
      case 'flameZoom':
      case 'viewState':
      case 'saveView':
      case 'viewApplied':
        return [];
    }
  }

  requests(method?: string): Extract<WebviewToHost, { kind: 'request' }>[] {
    return this.posted.filter((m): m is Extract<WebviewToHost, { kind: 'request' }> => m.kind === 'request' && (!method || m.method === method));
  }

  last<K extends WebviewToHost['kind']>(kind: K): Extract<WebviewToHost, { kind: K }> | undefined {
    return this.posted.filter((m): m is Extract<WebviewToHost, { kind: K }> => m.kind === kind).at(-1);
  }
}

interface PageGlobals {
  readonly editorTest: EditorPageApi;
  readonly sessionStorage: { setItem(key: string, value: string): void; clear(): void };
}

/** One page whose host can be swapped between profiles. */
export class EditorSession {
  host: EditorHost | undefined;
  /** Every `cspViolation` the webview posted (the product's path: webview/csp-report.ts), across hosts. */
  readonly reported: CspViolationMessage[] = [];

  private constructor(readonly page: Page) {}

  static async create(page: Page): Promise<EditorSession> {
    const session = new EditorSession(page);
    // Waits are for work, not deadlines: a busy shared machine can take long on big profiles.
    page.setDefaultTimeout(180_000);
    // The extension links media/webview.css; the test shell has no link, so adopt it as a
    // constructed stylesheet (allowed by the CSP, like the flame component's own styles).
    const css = readFileSync(join(repoRoot, 'media/webview.css'), 'utf8');
    await page.addInitScript((text) => {
      const g = globalThis as unknown as {
        CSSStyleSheet: new () => { replaceSync(t: string): void };
        document: { adoptedStyleSheets: unknown[]; addEventListener(e: string, f: () => void): void };
      };
      g.document.addEventListener('DOMContentLoaded', () => {
        const sheet = new g.CSSStyleSheet();
        sheet.replaceSync(text);
        g.document.adoptedStyleSheets = [...g.document.adoptedStyleSheets, sheet];
      });
    }, css);
    await page.exposeFunction('editorHost', async (message: WebviewToHost) => {
      if (message.kind === 'cspViolation') session.reported.push(message);
      return session.host ? (await session.host.answer(message)).map(encodeWire) : [];
    });
    return session;
  }

  /** Loads the editor for `host`, starting on `view`, and waits for its first data. */
  async open(url: string, host: EditorHost, view = 'flame'): Promise<void> {
    this.host = undefined;
    await this.page.goto(url);
    await this.page.evaluate((v) => {
      const g = globalThis as unknown as PageGlobals;
      g.sessionStorage.clear();
      g.sessionStorage.setItem('editor-test-state', JSON.stringify({ view: v }));
    }, view);
    this.host = host;
    await this.page.reload();
    await this.idle();
  }

  /** Waits until every request was answered and the page had a frame to render. */
  async idle(): Promise<void> {
    await this.page.waitForFunction(() => {
      const g = globalThis as unknown as PageGlobals;
      return g.editorTest.posted.length > 0 && g.editorTest.pending === 0;
    });
    await this.page.evaluate(() => {
      const raf = (globalThis as unknown as { requestAnimationFrame(f: () => void): void }).requestAnimationFrame;
      return new Promise<void>((done) => raf(() => raf(done)));
    });
  }

  /**
   * CSP violations seen two ways: the test page's own listener, and what the webview reported to
   * its host through the protocol (as the extension logs and counts them), marked "reported:".
   */
  async cspViolations(): Promise<string[]> {
    const inPage = await this.page.evaluate(() => (globalThis as unknown as PageGlobals).editorTest.cspViolations);
    return [...inPage, ...this.reported.map((v) => `reported: ${v.directive} ${v.blockedUri}`)];
  }

  setTheme(kind: 'light' | 'dark' | 'high-contrast'): Promise<void> {
    return this.page.evaluate((k) => (globalThis as unknown as PageGlobals).editorTest.setTheme(k), kind);
  }
}

/**
 * The flame tree the webview draws for `query` (default: the default sample type), from the
 * host's own handlers: the whole tree (a big one is drawn coarse first, then whole).
 */
export function flameOf(host: EditorHost, query: Partial<ViewQuery> = {}): StackTreeView {
  const params: ViewQuery = { sampleIndex: host.summary.defaultSampleTypeIndex, ...query };
  const r = host.handlers.answer({ kind: 'request', id: 0, method: 'flameWhole', params });
  if (!r.ok || r.method !== 'flameWhole') throw new Error('no flame tree');
  // A big tree comes in parts, as the webview asks for them.
  const parts = partStarts(r.result).map((from) => {
    const part = host.handlers.answer({ kind: 'request', id: 0, method: 'treePart', params: { ...params, from } });
    if (!part.ok || part.method !== 'treePart') throw new Error(`no flame tree part at ${from}`);
    return part.result;
  });
  return joinTreeParts(r.result, parts);
}

/** A point inside the node's bar on the page's flame canvas (icicle, not zoomed, not scrolled). */
export async function flamePoint(page: Page, view: StackTreeView, node: number, width?: NodeWidth): Promise<{ x: number; y: number }> {
  const box = await page.$eval('.gp-flame-canvas', (c) => {
    const r = c.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width };
  });
  return pointInFrame(view, node, box, width);
}
