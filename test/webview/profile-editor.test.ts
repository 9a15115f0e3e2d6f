/**
 * The profile editor webview (webview/main.ts) in real Chromium under the extension's CSP,
 * driven through its typed protocol; the host side is played by the real worker handlers.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { isHostViewRequest, type HostToWebview, type WebviewRequest, type WebviewToHost } from '../../src/shared/protocol';
import type { ProfileSummary } from '../../src/shared/view-model';
import { WorkerHandlers } from '../../src/worker/worker-handlers';
import { usePage } from './page-fixture';
import { bundlePage, repoRoot } from './harness';
import { HOSTILE, writeHostileProfile } from './xss-profile';
import type { ProfileEditorTestApi } from './page/profile-editor-api';

/** The page's globals, typed for callbacks that run in the page (this file has no DOM lib). */
interface PageGlobals {
  readonly profileEditorTest: ProfileEditorTestApi;
  readonly sessionStorage: { clear(): void; setItem(key: string, value: string): void };
  readonly document: { querySelector(selector: string): { textContent: string | null } | null };
}

const LARGE = join(repoRoot, 'test/fixtures/profiles/large.cpu.pb.gz');

/** Decodes `bytes` as the host would and returns a host that answers the webview's requests. */
function hostFor(bytes: Uint8Array, source: string): { summary: ProfileSummary; answer(r: WebviewRequest): HostToWebview } {
  const handlers = new WorkerHandlers();
  const opened = handlers.answer({ kind: 'request', id: 0, method: 'open', params: { bytes, source, maxInflatedBytes: 1 << 30 } });
  if (!opened.ok || opened.method !== 'open') throw new Error(`could not open ${source}`);
  return {
    summary: opened.result,
    answer(request) {
      if (isHostViewRequest(request)) throw new Error(`unexpected ${request.method} request`);
      const response = handlers.answer(request);
      if (response.ok && (response.method === 'open' || response.method === 'openBase' || response.method === 'lineCosts' || response.method === 'sourceListing' || response.method === 'disasmListing' || response.method === 'functionOf')) throw new Error('unexpected open response');
      return response;
    },
  };
}

async function posted(page: Page): Promise<WebviewToHost[]> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).profileEditorTest.posted);
}

async function waitForPosted(page: Page, count: number): Promise<WebviewToHost> {
  await page.waitForFunction((n) => (globalThis as unknown as PageGlobals).profileEditorTest.posted.length >= n, count);
  return (await posted(page))[count - 1]!;
}

async function deliver(page: Page, message: HostToWebview): Promise<void> {
  await page.evaluate((m) => (globalThis as unknown as PageGlobals).profileEditorTest.deliver(m), message);
}

/** These tests look at the Top tab; the editor opens on the flame graph unless state says otherwise. */
async function preferTopTab(page: Page): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as PageGlobals).sessionStorage.setItem('profile-editor-test-state', '{"view":"top"}'));
}

async function firstRowCells(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid="top-table"] [data-testid="top-row"]:first-child td', (tds) => tds.map((td) => td.textContent ?? ''));
}

describe('profile editor webview in Chromium', () => {
  const fixture = usePage({ bundle: () => bundlePage(join(repoRoot, 'test/webview/page/profile-editor-page.ts')) });

  test('ready → init → loaded → top request; the table and metadata show pprof’s numbers', async () => {
    const { page, server } = fixture;
    await page.goto(server.url);
    assert.deepEqual(await waitForPosted(page, 1), { kind: 'ready' });
    await preferTopTab(page);
    const host = hostFor(readFileSync(LARGE), 'large.cpu.pb.gz');
    await deliver(page, { kind: 'init', fileName: 'large.cpu.pb.gz' });
    await deliver(page, { kind: 'loaded', summary: host.summary });
    const request = await waitForPosted(page, 2);
    assert.equal(request.kind, 'request');
    if (request.kind !== 'request') return;
    assert.deepEqual(request.params, { sampleIndex: 1 });
    await deliver(page, host.answer(request));
    await page.waitForSelector('[data-testid="top-row"]');
    assert.deepEqual(await firstRowCells(page), ['205.17s', '85.38%', '85.38%', '205.17s', '85.38%', 'time.Now']);
    const raw = await page.$eval('[data-testid="top-row"]', (tr) => [tr.getAttribute('data-flat'), tr.getAttribute('data-cum')]);
    assert.deepEqual(raw, ['205170000000', '205170000000']);
    const meta = await page.textContent('[data-testid="profile-meta"]');
    assert.match(meta ?? '', /Total240\.29s/);
    assert.match(meta ?? '', /Duration240\.36s/);
  });

  test('choosing a sample type asks for it, re-renders, and survives a reload through setState', async () => {
    const { page } = fixture;
    const host = hostFor(readFileSync(LARGE), 'large.cpu.pb.gz');
    const before = (await posted(page)).length;
    await page.selectOption('[data-testid="sample-type-select"]', '0');
    const request = await waitForPosted(page, before + 1);
    if (request.kind !== 'request') return assert.fail('expected a request');
    assert.deepEqual(request.params, { sampleIndex: 0 });
    await deliver(page, host.answer(request));
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelector('[data-testid="top-row"] td')?.textContent === '20517');
    assert.deepEqual(await page.evaluate(() => (globalThis as unknown as PageGlobals).profileEditorTest.state()), { view: 'top', sampleIndex: 0 });

    await page.reload();
    await waitForPosted(page, 1);
    await deliver(page, { kind: 'init', fileName: 'large.cpu.pb.gz' });
    await deliver(page, { kind: 'loaded', summary: host.summary });
    const restored = await waitForPosted(page, 2);
    if (restored.kind !== 'request') return assert.fail('expected a request');
    assert.deepEqual(restored.params, { sampleIndex: 0 });
    assert.equal(await page.inputValue('[data-testid="sample-type-select"]'), '0');
  });

  test('the capture panel: "waiting" is shown as text; a fresh init forgets the previous profile\'s tab, sample type and filters', async () => {
    const { page } = fixture;
    // Left by the test before: the Top tab and sample type 0 of large.cpu, in the kept state.
    assert.deepEqual(await page.evaluate(() => (globalThis as unknown as PageGlobals).profileEditorTest.state()), { view: 'top', sampleIndex: 0 });
    const before = (await posted(page)).length;
    await deliver(page, { kind: 'waiting', title: 'Waiting for <b>x</b>', detail: '<img src=x onerror=alert(1)>' });
    assert.equal(await page.textContent('[data-testid="capture-waiting"] .empty-title'), 'Waiting for <b>x</b>');
    assert.equal(await page.$$eval('img, b', (els) => els.length), 0);

    const heap = hostFor(readFileSync(join(repoRoot, 'test/fixtures/go-profiles/heap.pb.gz')), 'heap.pb.gz');
    await deliver(page, { kind: 'init', fileName: 'heap.pb.gz', fresh: true });
    await deliver(page, { kind: 'loaded', summary: heap.summary });
    const request = await waitForPosted(page, before + 1);
    if (request.kind !== 'request') return assert.fail('expected a request');
    // The heap profile's own default (inuse_space, index 3), asked for the Flame Graph tab.
    assert.equal(heap.summary.defaultSampleTypeIndex, 3);
    assert.deepEqual({ method: request.method, params: request.params }, { method: 'flame', params: { sampleIndex: 3 } });
    const state = await page.evaluate(() => (globalThis as unknown as PageGlobals).profileEditorTest.state());
    assert.equal((state as { view?: string }).view, undefined, JSON.stringify(state));
    assert.equal((state as { sampleIndex?: number }).sampleIndex, undefined, JSON.stringify(state));
    assert.equal(await page.inputValue('[data-testid="sample-type-select"]'), '3');
  });

  test('a flame graph sent with the summary is painted without asking for it (one round trip less)', async () => {
    const { page } = fixture;
    const heap = hostFor(readFileSync(join(repoRoot, 'test/fixtures/go-profiles/heap.pb.gz')), 'heap.pb.gz');
    const params = { sampleIndex: heap.summary.defaultSampleTypeIndex };
    const response = heap.answer({ kind: 'request', id: 0, method: 'flame', params });
    if (response.kind !== 'response' || !response.ok || response.method !== 'flame') return assert.fail('the worker gave no flame graph');
    const before = (await posted(page)).length;
    await deliver(page, { kind: 'init', fileName: 'heap.pb.gz', fresh: true });
    await deliver(page, { kind: 'loaded', summary: heap.summary, answered: { method: 'flame', params, result: response.result } });
    await page.waitForSelector('[data-testid="flame-view"][data-painted-at]');
    const asked = (await posted(page)).slice(before).filter((m) => m.kind === 'request' && m.method === 'flame');
    assert.deepEqual(asked, []);
    // Another sample type is asked for as usual.
    const count = (await posted(page)).length;
    await page.selectOption('[data-testid="sample-type-select"]', '1');
    const request = await waitForPosted(page, count + 1);
    assert.deepEqual(request.kind === 'request' ? { method: request.method, params: request.params } : request, { method: 'flame', params: { sampleIndex: 1 } });
  });

  test('hostile function and file names are shown as text, never parsed as HTML', async () => {
    const { page, scratch, seen } = fixture;
    const file = join(scratch, 'hostile.pb.gz');
    writeHostileProfile(file);
    const host = hostFor(readFileSync(file), '<img src=x onerror=alert(9)>.pb.gz');
    await page.evaluate(() => (globalThis as unknown as PageGlobals).sessionStorage.clear());
    await preferTopTab(page);
    await page.reload();
    await waitForPosted(page, 1);
    await deliver(page, { kind: 'init', fileName: host.summary.source });
    await deliver(page, { kind: 'loaded', summary: host.summary });
    const request = await waitForPosted(page, 2);
    if (request.kind !== 'request') return assert.fail('expected a request');
    await deliver(page, host.answer(request));
    await page.waitForSelector('[data-testid="top-row"]');
    const names = await page.$$eval('td[data-col="name"]', (tds) => tds.map((td) => td.textContent));
    assert.ok(names.includes(HOSTILE.leafA.name), names.join(' | '));
    assert.ok(names.includes(HOSTILE.root.name), names.join(' | '));
    assert.equal(await page.$$eval('img, script:not([src]), b', (els) => els.length), 0);
    assert.match((await page.textContent('[data-testid="profile-meta"]')) ?? '', /<img src=x onerror=alert\(9\)>\.pb\.gz/);
    assert.deepEqual(seen.dialogs, []);
  });

  test('a decode failure shows the decoder message; a zero-sample profile shows an empty state', async () => {
    const { page } = fixture;
    await page.reload();
    await waitForPosted(page, 1);
    await deliver(page, { kind: 'init', fileName: 'cut.pb.gz' });
    await deliver(page, { kind: 'failed', message: 'cut.pb.gz: corrupt gzip data (unexpected end of file)' });
    assert.equal(await page.textContent('[data-testid="profile-error"]'), 'cut.pb.gz: corrupt gzip data (unexpected end of file)');
    assert.equal(await page.$('[data-testid="top-table"]'), null);

    const str = (s: string): number[] => [0x32, s.length, ...Buffer.from(s)];
    const empty = new Uint8Array([0x0a, 0x04, 0x08, 0x01, 0x10, 0x02, ...str(''), ...str('cpu'), ...str('nanoseconds')]);
    const host = hostFor(empty, 'empty.pprof');
    await page.reload();
    await waitForPosted(page, 1);
    await deliver(page, { kind: 'loaded', summary: host.summary });
    const request = await waitForPosted(page, 2);
    if (request.kind !== 'request') return assert.fail('expected a request');
    await deliver(page, host.answer(request));
    await page.waitForSelector('[data-testid="empty-state"]');
    assert.equal(await page.$('[data-testid="top-row"]'), null);
  });

  test('nothing was blocked by the CSP and no script error happened', async () => {
    const { page, seen } = fixture;
    assert.deepEqual(await page.evaluate(() => (globalThis as unknown as PageGlobals).profileEditorTest.cspViolations), []);
    assert.deepEqual(seen.errors, []);
  });
});
