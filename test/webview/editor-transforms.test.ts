/**
 * Transforms in real Chromium: right-click a flame frame → Merge function puts a chip above the
 * views and the flame graph loses the frame; the chip's × takes it away; Ctrl+Z / Ctrl+Shift+Z
 * walk the history; the chain is kept across a reload and reaches the Top view, whose Drop
 * numbers equal `go tool pprof -ignore` with the exact-name regexp (run here).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ensureGoFixtures } from '../support/go-fixtures';
import { goPprofTop } from '../support/go-pprof';
import { ensureResultsDir } from './harness';
import { useEditorPage } from './page-fixture';
import { EditorHost, flameOf, flamePoint } from './editor-driver';
import { nodeNamed } from './flame-geometry';

interface PageDoc {
  readonly document: {
    readonly activeElement: { blur(): void } | null;
    querySelector(selector: string): { readonly textContent: string | null } | null;
  };
}

async function chips(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid="transform-chip"] .transform-label', (spans) => spans.map((s) => s.textContent ?? ''));
}

/** The flame search's status once it shows `count` matches ("1 match · …", "0 matches · …"). */
async function waitMatches(page: Page, count: number): Promise<void> {
  const prefix = `${count} ${count === 1 ? 'match' : 'matches'} · `;
  await page.waitForFunction((p) => ((globalThis as unknown as PageDoc).document.querySelector('[data-testid="search-status"]')?.textContent ?? '').startsWith(p), prefix);
}

/** Keyboard focus back on the page (out of the search box, which keeps its own Ctrl+Z). */
async function blur(page: Page): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as PageDoc).document.activeElement?.blur());
}

/** Right-clicks the flame frame `name` and picks the menu item `testId`. */
async function flameMenu(page: Page, host: EditorHost, name: string, testId: string): Promise<void> {
  const view = flameOf(host);
  const p = await flamePoint(page, view, nodeNamed(view, name));
  await page.mouse.click(p.x, p.y, { button: 'right' });
  await page.click(`[data-testid="function-menu"] [data-testid="${testId}"]`);
}

describe('transforms in Chromium', () => {
  const editor = useEditorPage();

  test('flame right-click → Merge function: chip, frame gone, × removes it, Ctrl+Z / Ctrl+Shift+Z', async () => {
    const { page, session, seen } = editor;
    const { cpu } = await ensureGoFixtures();
    const host = new EditorHost(cpu);
    await editor.open(host);
    const name = 'main.mediumStep';
    await page.fill('[data-testid="search-input"]', '^main\\.mediumStep$');
    await waitMatches(page, 1);

    await flameMenu(page, host, name, 'menu-merge');
    await session.idle();
    assert.deepEqual(await chips(page), [`Merge ${name}`]);
    const params = host.requests('flame').at(-1)?.params;
    assert.deepEqual(params && 'transforms' in params ? params.transforms : undefined, [{ kind: 'merge', name }]);
    await waitMatches(page, 0);
    await page.screenshot({ path: join(ensureResultsDir(), 'editor-transforms.png') });

    await page.click('[data-testid="transform-remove"]');
    await session.idle();
    assert.deepEqual(await chips(page), []);
    assert.equal(await page.isVisible('[data-testid="transform-bar"]'), false);
    await waitMatches(page, 1);

    await blur(page);
    await page.keyboard.press('Control+z');
    await session.idle();
    assert.deepEqual(await chips(page), [`Merge ${name}`], 'undo brings the removed transform back');
    await waitMatches(page, 0);
    await page.keyboard.press('Control+z');
    await session.idle();
    assert.deepEqual(await chips(page), [], 'undo again: before the merge');
    await waitMatches(page, 1);
    await page.keyboard.press('Control+Shift+z');
    await session.idle();
    assert.deepEqual(await chips(page), [`Merge ${name}`], 'redo');
    await waitMatches(page, 0);
    assert.deepEqual(seen.errors, []);
  });

  test('the chain is kept across a reload and applies to Top: Drop equals pprof -ignore', async () => {
    const { page, session, seen } = editor;
    const { cpu } = await ensureGoFixtures();
    await page.reload();
    await session.idle();
    assert.deepEqual(await chips(page), ['Merge main.mediumStep'], 'restored from the webview state');

    await page.click('[data-testid="tab-top"]');
    await session.idle();
    await page.fill('[data-testid="top-filter"]', '^main\\.pong$');
    await page.click('[data-testid="top-row"] [data-col="name"]', { button: 'right' });
    await page.click('[data-testid="function-menu"] [data-testid="menu-drop"]');
    await session.idle();
    assert.deepEqual(await chips(page), ['Merge main.mediumStep', 'Drop main.pong']);

    // Merging mediumStep moves its time to burnMedium; dropping pong keeps the samples without it.
    const pprof = await goPprofTop(cpu, { ignore: '^main\\.pong$', hide: '^main\\.mediumStep$' });
    const want = pprof.rows.find((r) => r.name === 'main.burnMedium')!;
    await page.fill('[data-testid="top-filter"]', '^main\\.burnMedium$');
    await page.waitForSelector('[data-testid="top-row"]');
    const row = await page.$eval('[data-testid="top-row"]', (tr) => [tr.getAttribute('data-flat'), tr.getAttribute('data-cum')]);
    assert.deepEqual(row, [String(want.flat), String(want.cum)]);
    await page.fill('[data-testid="top-filter"]', '^main\\.pong$');
    await page.waitForFunction(() => (globalThis as unknown as PageDoc).document.querySelector('[data-testid="top-row"]') === null);
    assert.deepEqual(seen.errors, []);
  });

  test('flame right-click → Focus on subtree sends the frame\'s call path; the Tree then starts at that function', async () => {
    const { page, session, seen } = editor;
    const { cpu } = await ensureGoFixtures();
    const host = new EditorHost(cpu);
    await editor.open(host);
    await flameMenu(page, host, 'main.main.func2', 'menu-focus-subtree');
    await session.idle();
    const path = ['runtime.main', 'main.main', 'runtime/pprof.Do', 'main.main.func2'];
    assert.deepEqual(await chips(page), [`Subtree ${path.join(' › ')}`]);
    const params = host.requests('flame').at(-1)?.params;
    assert.deepEqual(params && 'transforms' in params ? params.transforms : undefined, [{ kind: 'focusSubtree', path }]);
    await page.click('[data-testid="tab-tree"]');
    await session.idle();
    await page.waitForSelector('[data-testid="tree-row"]');
    const names = await page.$$eval('[data-testid="tree-row"]', (rows) => rows.map((r) => r.getAttribute('data-name')));
    assert.ok(names.includes('main.main.func2') && names.includes('main.burnMedium'), names.join(', '));
    assert.ok(!names.includes('runtime.main') && !names.includes('main.ping'), names.join(', '));
    assert.deepEqual(seen.errors, []);
  });
});
