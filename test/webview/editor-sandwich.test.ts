/**
 * The Sandwich tab in real Chromium: opened from a Top row's right-click menu and from the
 * Tree's peek pane, its callers and callees rows carry `go tool pprof -peek`'s numbers (run
 * here on a profile the Go runtime made), both flame halves are painted, profile text is text.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ensureGoFixtures } from '../support/go-fixtures';
import { goPprofRaw, pprofUnitFlag } from '../support/go-pprof';
import { parsePeek, type PeekBlock } from '../support/pprof-peek';
import { ensureResultsDir } from './harness';
import { useEditorPage } from './page-fixture';
import { EditorHost } from './editor-driver';

async function pprofPeek(file: string, name: string, sampleIndex: number, unit: string): Promise<PeekBlock> {
  const regex = `^${name.replace(/\./g, '\\.')}$`;
  const blocks = parsePeek(await goPprofRaw(file, [`-peek=${regex}`, `-sample_index=${sampleIndex}`, `-unit=${pprofUnitFlag(unit)}`]));
  assert.equal(blocks.length, 1);
  return blocks[0]!;
}

/** "name value" of the Sandwich pane's rows, as pprof -peek lists them (without the inline mark). */
async function peekRows(page: Page, testId: string): Promise<string[]> {
  return page.$$eval(`[data-testid="sandwich-peek"] [data-testid="${testId}"]`, (lis) => lis.map((li) => `${li.getAttribute('data-name') ?? ''} ${li.getAttribute('data-value') ?? ''}`));
}

/** Distinct colours on a half's canvas: a painted flame has the background and several bars. */
async function colours(page: Page, half: string): Promise<number> {
  return page.$eval(`[data-testid="${half}"] .gp-flame-canvas`, (canvas) => {
    const c = canvas as unknown as { width: number; height: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } };
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 16) seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    return seen.size;
  });
}

/** The page's DOM as the callbacks use it (this file has no DOM lib). */
interface PageDoc {
  readonly document: { querySelector(selector: string): { readonly textContent: string | null } | null };
}

const withoutInline = (rows: readonly string[]): string[] => rows.map((r) => r.replace(' (inline) ', ' '));

describe('Sandwich tab in Chromium, against go tool pprof -peek', () => {
  const editor = useEditorPage();

  test('Top row → Sandwich: callers and callees with pprof -peek numbers, both halves painted', async () => {
    const { page, session } = editor;
    const f = await ensureGoFixtures();
    const host = new EditorHost(f.cpu);
    await editor.open(host, 'top');
    const sampleIndex = host.summary.defaultSampleTypeIndex;
    const unit = host.summary.sampleTypes[sampleIndex]!.unit;
    const name = 'main.ping';
    const expected = await pprofPeek(f.cpu, name, sampleIndex, unit);
    assert.ok(expected.callers.length >= 2 && expected.callees.length >= 1, 'main.ping is called from two places and calls pong');

    await page.fill('[data-testid="top-filter"]', `^${name.replace('.', '\\.')}$`);
    await page.click('[data-testid="top-row"] [data-col="name"]', { button: 'right' });
    await page.click('[data-testid="function-menu"] [data-testid="menu-sandwich"]');
    await session.idle();
    await page.waitForSelector('[data-testid="sandwich-peek"] [data-testid="peek-caller"]');
    assert.equal(await page.textContent('[data-testid="sandwich-peek"] [data-testid="peek-name"]'), name);
    assert.deepEqual(await peekRows(page, 'peek-caller'), withoutInline(expected.callers));
    assert.deepEqual(await peekRows(page, 'peek-callee'), withoutInline(expected.callees));
    const params = host.requests('sandwich').at(-1)?.params;
    assert.ok(params && 'name' in params && params.name === name, JSON.stringify(params));
    // Both halves hold the function's cum once.
    assert.equal(await page.getAttribute('[data-testid="sandwich-callers"]', 'data-total'), String(expected.cum));
    assert.equal(await page.getAttribute('[data-testid="sandwich-callees"]', 'data-total'), String(expected.cum));
    assert.ok((await colours(page, 'sandwich-callers')) >= 3, 'callers half painted');
    assert.ok((await colours(page, 'sandwich-callees')) >= 3, 'callees half painted');
    await page.screenshot({ path: join(ensureResultsDir(), 'editor-sandwich.png') });
  });

  test('Tree peek pane → Sandwich moves the sandwich to that function', async () => {
    const { page, session } = editor;
    const f = await ensureGoFixtures();
    const name = 'main.pong';
    const host = session.host!;
    const sampleIndex = host.summary.defaultSampleTypeIndex;
    const expected = await pprofPeek(f.cpu, name, sampleIndex, host.summary.sampleTypes[sampleIndex]!.unit);
    // The Tree's peek pane shows the shared selection (main.ping); its caller pong selects pong.
    await page.click('[data-testid="tab-tree"]');
    await session.idle();
    await page.click(`[data-testid="peek"] [data-testid="peek-caller"][data-name="${name}"]`);
    await page.waitForFunction((n) => (globalThis as unknown as PageDoc).document.querySelector('[data-testid="peek"] [data-testid="peek-name"]')?.textContent === n, name);
    await page.click('[data-testid="peek"] [data-testid="peek-sandwich"]');
    await session.idle();
    await page.waitForFunction((n) => (globalThis as unknown as PageDoc).document.querySelector('[data-testid="sandwich-peek"] [data-testid="peek-name"]')?.textContent === n, name);
    assert.deepEqual(await peekRows(page, 'peek-caller'), withoutInline(expected.callers));
    assert.deepEqual(await peekRows(page, 'peek-callee'), withoutInline(expected.callees));
    assert.equal(await page.getAttribute('[data-testid="sandwich-callees"]', 'data-total'), String(expected.cum));
  });

  test('the editor hover\'s Sandwich link (host message revealFunction with view sandwich) opens the Sandwich tab on that function', async () => {
    const { page, session, seen } = editor;
    const name = 'main.burnMedium';
    await page.click('[data-testid="tab-top"]');
    await session.idle();
    // What the host posts for the hover link (src/profile-editor/profile-panel.ts).
    await page.evaluate((m) => (globalThis as unknown as { postMessage(m: unknown, origin: string): void }).postMessage(m, '*'), { kind: 'revealFunction', name, view: 'sandwich' });
    await page.waitForSelector('[data-testid="sandwich-view"]', { state: 'visible' });
    await session.idle();
    await page.waitForFunction((n) => (globalThis as unknown as PageDoc).document.querySelector('[data-testid="sandwich-peek"] [data-testid="peek-name"]')?.textContent === n, name);
    assert.deepEqual(seen.errors, []);
  });

  test('search in the Sandwich tab lists the matching functions; picking one shows its sandwich', async () => {
    const { page, session, seen } = editor;
    await page.fill('[data-testid="search-input"]', '^main\\.pon');
    await page.waitForSelector('[data-testid="sandwich-match"]');
    assert.deepEqual(await page.$$eval('[data-testid="sandwich-match"]', (bs) => bs.map((b) => b.getAttribute('data-name'))), ['main.pong']);
    await page.click('[data-testid="sandwich-match"]');
    await session.idle();
    await page.waitForFunction(() => (globalThis as unknown as PageDoc).document.querySelector('[data-testid="sandwich-peek"] [data-testid="peek-name"]')?.textContent === 'main.pong');
    await page.fill('[data-testid="search-input"]', '');
    assert.deepEqual(seen.errors, []);
  });
});
