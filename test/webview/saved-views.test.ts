/**
 * Saved views in the real webview (Chromium): the state the webview posts for "Save View…"
 * (tab, sample type by name, filters, zoom), and a saved state applied to another profile:
 * tab, sample type (by name, to that profile's index), filters and zoom set, the top table
 * equal to `go tool pprof -top` with those settings; on a profile of another kind, what does
 * not fit is named and the rest applied.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { HostToWebview, WebviewState } from '../../src/shared/protocol';
import { repoRoot } from '../support/go-fixtures';
import { goPprofTop } from '../support/go-pprof';
import { useEditorPage } from './page-fixture';
import { EditorHost } from './editor-driver';

const profiles = join(repoRoot, 'test', 'fixtures', 'go-profiles');
const heap = join(profiles, 'heap.pb.gz');
const allocs = join(profiles, 'allocs.pb.gz');
const cpu = join(profiles, 'cpu.pb.gz');

async function post(page: Page, message: HostToWebview): Promise<void> {
  await page.evaluate((m) => (globalThis as unknown as { postMessage(m: unknown, origin: string): void }).postMessage(m, '*'), message);
}

async function selectedTab(page: Page): Promise<string | null> {
  return page.$eval('vscode-tabs', (tabs) => {
    const index = (tabs as unknown as { selectedIndex: number }).selectedIndex;
    return tabs.querySelectorAll('vscode-tab-header')[index]?.getAttribute('data-view') ?? null;
  });
}

async function topRows(page: Page): Promise<{ name: string; flat: number; cum: number }[]> {
  return page.$$eval('[data-testid="top-row"]', (trs) =>
    trs.map((tr) => ({ name: tr.querySelector('[data-col="name"]')?.textContent ?? '', flat: Number(tr.getAttribute('data-flat')), cum: Number(tr.getAttribute('data-cum')) })),
  );
}

/** What "Save View…" saves: the host asks (requestState), the webview answers with its whole state. */
async function stateOf(page: Page): Promise<WebviewState> {
  type Posted = { editorTest: { posted: { kind: string; state?: WebviewState }[] } };
  const before = await page.evaluate(() => (globalThis as unknown as Posted).editorTest.posted.length);
  await post(page, { kind: 'requestState' });
  const answer = await page.waitForFunction(
    (n) => (globalThis as unknown as Posted).editorTest.posted.slice(n).find((m) => m.kind === 'viewState')?.state,
    before,
  );
  return (await answer.jsonValue()) as WebviewState;
}

describe('saved views in Chromium', () => {
  const editor = useEditorPage();
  let saved: WebviewState;

  test('asked for its state, the webview answers with all of it: tab, sample type by name, filters, flame zoom', async () => {
    const { page, session } = editor;
    const host = new EditorHost(heap);
    await editor.open(host, 'flame');
    const allocSpace = host.summary.sampleTypes.findIndex((t) => t.type === 'alloc_space');
    await page.selectOption('[data-testid="sample-type-select"]', String(allocSpace));
    await session.idle();
    await page.fill('[data-testid="filter-focus"]', 'main\\.alloc');
    await page.press('[data-testid="filter-focus"]', 'Enter');
    await session.idle();
    await page.click('[data-testid="tab-top"]');
    await session.idle();
    const state = await stateOf(page);
    assert.deepEqual(state, {
      sampleIndex: allocSpace,
      sampleType: 'alloc_space',
      view: 'top',
      filters: { granularity: 'functions', focus: 'main\\.alloc', ignore: '', hide: '', show: '', tagFocus: '', tagIgnore: '', tagRoot: '', tagLeaf: '' },
      transforms: [],
      zoomPath: [],
    });
    saved = state;
  });

  test('applied to another profile: tab, sample type, filters as saved; the table is pprof’s', async () => {
    const { page, session } = editor;
    const host = new EditorHost(allocs);
    await editor.open(host, 'flame');
    // The other profile lists its sample types in its own order: the view goes by name.
    const index = host.summary.sampleTypes.findIndex((t) => t.type === 'alloc_space');
    await post(page, { kind: 'applyView', name: 'allocs of main', state: { ...saved, sampleIndex: 0 } });
    await session.idle();
    assert.deepEqual(host.last('viewApplied'), { kind: 'viewApplied', name: 'allocs of main', notApplied: [] });
    assert.equal(await selectedTab(page), 'top');
    assert.equal(await page.inputValue('[data-testid="sample-type-select"]'), String(index));
    assert.equal(await page.inputValue('[data-testid="filter-focus"]'), 'main\\.alloc');
    assert.deepEqual(host.requests('top').at(-1)?.params, { sampleIndex: index, focus: 'main\\.alloc' });
    const want = await goPprofTop(allocs, { sampleIndex: 'alloc_space', focus: 'main\\.alloc' });
    const rows = await topRows(page);
    assert.ok(want.rows.length > 0);
    assert.deepEqual(rows, want.rows.map((r) => ({ name: r.inlineLabel ? `${r.name} ${r.inlineLabel}` : r.name, flat: r.flat, cum: r.cum })));
    // Applying is a filter change: Undo goes back to no filters.
    await page.click('[data-testid="filters-undo"]');
    await session.idle();
    assert.equal(await page.inputValue('[data-testid="filter-focus"]'), '');
  });

  test('applied to a profile of another kind: filters and tab applied, the missing sample type named', async () => {
    const { page, session } = editor;
    const host = new EditorHost(cpu);
    await editor.open(host, 'flame');
    const before = await page.inputValue('[data-testid="sample-type-select"]');
    await post(page, { kind: 'applyView', name: 'allocs of main', state: { ...saved, filters: { ...saved.filters!, focus: 'main' } } });
    await session.idle();
    const types = host.summary.sampleTypes.map((t) => t.type).join(', ');
    assert.deepEqual(host.last('viewApplied')?.notApplied, [`sample type "alloc_space" (this profile has ${types})`]);
    assert.equal(await selectedTab(page), 'top');
    assert.equal(await page.inputValue('[data-testid="sample-type-select"]'), before);
    assert.equal(await page.inputValue('[data-testid="filter-focus"]'), 'main');
  });

  test('a view carries the transform chain: chips shown, Drop equal to pprof -ignore with the exact name', async () => {
    const { page, session } = editor;
    const host = new EditorHost(allocs);
    await editor.open(host, 'flame');
    const drop = { kind: 'drop', name: 'main.allocLargeKept' } as const;
    await post(page, { kind: 'applyView', name: 'no large', state: { ...saved, filters: { ...saved.filters!, focus: '' }, transforms: [drop] } });
    await session.idle();
    assert.deepEqual(await page.$$eval('[data-testid="transform-chip"] .transform-label', (spans) => spans.map((s) => s.textContent ?? '')), ['Drop main.allocLargeKept']);
    const index = host.summary.sampleTypes.findIndex((t) => t.type === 'alloc_space');
    assert.deepEqual(host.requests('top').at(-1)?.params, { sampleIndex: index, transforms: [drop] });
    const want = await goPprofTop(allocs, { sampleIndex: 'alloc_space', ignore: '^main\\.allocLargeKept$' });
    assert.deepEqual(await topRows(page), want.rows.map((r) => ({ name: r.inlineLabel ? `${r.name} ${r.inlineLabel}` : r.name, flat: r.flat, cum: r.cum })));
    assert.deepEqual((await stateOf(page)).transforms, [drop]);
  });

  test('a saved flame zoom is restored by frame names', async () => {
    const { page, session } = editor;
    const host = new EditorHost(heap);
    await editor.open(host, 'top');
    await post(page, { kind: 'applyView', name: 'zoomed', state: { view: 'flame', zoomPath: ['runtime.main', 'main.main'] } });
    await session.idle();
    assert.equal(await selectedTab(page), 'flame');
    assert.deepEqual(host.last('flameZoom')?.path, ['runtime.main', 'main.main']);
    assert.deepEqual((await stateOf(page)).zoomPath, ['runtime.main', 'main.main']);
  });
});
