/**
 * One page fixture for the Chromium suites: call it at the top of a `describe` and it starts a
 * browser on a bundled test page before the suite's own hooks and closes everything after,
 * with a scratch folder for the suite's files and the page's dialogs and errors collected.
 */
import { after, before } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { bundlePage, launchBrowser, repoRoot, serve, watchPage, type TestBrowser, type TestServer } from './harness';
import { bundleEditorPage, EditorSession, type EditorHost } from './editor-driver';

export interface PageFixtureOptions {
  /** The page script; default: the profile editor's test page. */
  readonly bundle?: () => Promise<string>;
  /** Also serve the call graph's layout worker script (/callgraph-layout.js). */
  readonly callGraphLayout?: boolean;
  readonly theme?: 'light' | 'dark';
  readonly deviceScaleFactor?: number;
  /** Go to the page once it is up (the editor session navigates by itself). */
  readonly goto?: boolean;
}

export interface PageFixture {
  readonly page: Page;
  readonly server: TestServer;
  /** Dialogs and page errors: every suite expects both empty. */
  readonly seen: { readonly dialogs: string[]; readonly errors: string[] };
  /** A private temporary folder, removed after the suite. */
  readonly scratch: string;
}

export interface EditorFixture extends PageFixture {
  readonly session: EditorSession;
  /** Loads the editor for `host` on `view` and waits for its first data. */
  open(host: EditorHost, view?: string): Promise<void>;
}

interface State {
  browser?: TestBrowser;
  server?: TestServer;
  page?: Page;
  seen?: { dialogs: string[]; errors: string[] };
  scratch?: string;
}

function ready<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the page fixture's ${what} is used before its before() hook ran`);
  return value;
}

/** A browser page on a bundled script (default: the editor test page), for this suite. */
export function usePage(options: PageFixtureOptions = {}): PageFixture {
  const state: State = {};
  before(async () => {
    state.scratch = mkdtempSync(join(tmpdir(), 'gp-webview-'));
    const [script, layout] = await Promise.all([
      (options.bundle ?? bundleEditorPage)(),
      options.callGraphLayout ? bundlePage(join(repoRoot, 'webview/callgraph/layout-entry.ts')) : Promise.resolve(undefined),
    ]);
    state.server = await serve(script, options.theme ?? 'light', layout === undefined ? {} : { '/callgraph-layout.js': layout });
    state.browser = await launchBrowser(options.deviceScaleFactor === undefined ? {} : { deviceScaleFactor: options.deviceScaleFactor });
    state.page = await state.browser.context.newPage();
    state.seen = watchPage(state.page);
    if (options.goto) await state.page.goto(state.server.url);
  });
  after(async () => {
    await state.browser?.close();
    await state.server?.close();
    if (state.scratch) rmSync(state.scratch, { recursive: true, force: true });
  });
  return {
    get page() {
      return ready(state.page, 'page');
    },
    get server() {
      return ready(state.server, 'server');
    },
    get seen() {
      return ready(state.seen, 'seen');
    },
    get scratch() {
      return ready(state.scratch, 'scratch');
    },
  };
}

/** The profile editor's webview on a page whose host the test plays (editor-driver.ts). */
export function useEditorPage(options: Omit<PageFixtureOptions, 'bundle' | 'goto'> = {}): EditorFixture {
  const fixture = usePage(options);
  let session: EditorSession | undefined;
  before(async () => {
    session = await EditorSession.create(fixture.page);
  });
  return {
    get page() {
      return fixture.page;
    },
    get server() {
      return fixture.server;
    },
    get seen() {
      return fixture.seen;
    },
    get scratch() {
      return fixture.scratch;
    },
    get session() {
      return ready(session, 'session');
    },
    open: (host, view) => ready(session, 'session').open(fixture.server.url, host, view),
  };
}
