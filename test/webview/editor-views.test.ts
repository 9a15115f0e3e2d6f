/**
 * The multi-view profile editor (webview/main.ts) in real Chromium under the extension's CSP,
 * its host played by the real worker handlers, checked against `go tool pprof` run here.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { formatValue } from '../../src/shared/units';
import type { StackTreeView } from '../../src/shared/view-model';
import { goPprofTop, type GoPprofTop } from '../support/go-pprof';
import { ensureResultsDir, repoRoot } from './harness';
import { useEditorPage } from './page-fixture';
import { EditorHost, flameOf, flamePoint } from './editor-driver';

const LARGE = join(repoRoot, 'test/fixtures/profiles/large.cpu.pb.gz');
const HOTSPOTS = join(repoRoot, 'examples/profiles/hotspots.cpu.pb.gz');

function nodeNamed(view: StackTreeView, name: string): number {
  let best = -1;
  for (let n = 1; n < view.frame.length; n++) {
    if (view.frames[view.frame[n]!]?.name === name && (best < 0 || view.value[n]! > view.value[best]!)) best = n;
  }
  if (best < 0) throw new Error(`${name} is not in the flame tree`);
  return best;
}

async function topRows(page: Page): Promise<{ name: string; flat: number; cum: number }[]> {
  return page.$$eval('[data-testid="top-row"]', (trs) =>
    trs.map((tr) => ({
      name: tr.querySelector('[data-col="name"]')?.textContent ?? '',
      flat: Number(tr.getAttribute('data-flat')),
      cum: Number(tr.getAttribute('data-cum')),
    })),
  );
}

function pprofRow(top: GoPprofTop, name: string): { flat: number; cum: number } {
  const row = top.rows.find((r) => r.name === name);
  if (!row) throw new Error(`${name} is not in pprof's top`);
  return row;
}

/** pprof's printed name of a top row, as our table shows it (with the inline mark). */
function shownName(row: GoPprofTop['rows'][number]): string {
  return row.inlineLabel ? `${row.name} ${row.inlineLabel}` : row.name;
}

/** The page's DOM as the callbacks below use it (this file has no DOM lib). */
interface PageDoc {
  readonly document: {
    querySelector(selector: string): { readonly textContent: string | null; getAttribute(name: string): string | null } | null;
    querySelectorAll(selector: string): ArrayLike<{ readonly textContent: string | null }>;
  };
}

function waitText(page: Page, selector: string, pattern: string): Promise<unknown> {
  return page.waitForFunction(
    ([sel, re]) => new RegExp(re!).test((globalThis as unknown as PageDoc).document.querySelector(sel!)?.textContent ?? ''),
    [selector, pattern],
  );
}

function waitAttr(page: Page, selector: string, name: string, value: string): Promise<unknown> {
  return page.waitForFunction(
    ([sel, n, v]) => (globalThis as unknown as PageDoc).document.querySelector(sel!)?.getAttribute(n!) === v,
    [selector, name, value],
  );
}

function waitCellText(page: Page, text: string): Promise<unknown> {
  return page.waitForFunction(
    (t) => Array.from((globalThis as unknown as PageDoc).document.querySelectorAll('[data-testid="top-row"] [data-col="name"]')).some((td) => td.textContent === t),
    text,
  );
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ensureResultsDir(), `editor-${name}.png`) });
}

describe('profile editor views in Chromium, against go tool pprof', () => {
  const editor = useEditorPage();
  let largeTop: GoPprofTop;
  let largeFocus: GoPprofTop;
  let hotspotsModule: GoPprofTop;
  const FOCUS = 'main\\.next';

  before(async () => {
    [largeTop, largeFocus, hotspotsModule] = await Promise.all([
      goPprofTop(LARGE, { sampleIndex: 1 }),
      goPprofTop(LARGE, { sampleIndex: 1, focus: FOCUS }),
      goPprofTop(HOTSPOTS, { focus: '^example\\.com/hotspots/' }),
    ]);
  });

  test('the flame graph is the default view; its widest frames carry pprof’s cum', async () => {
    const { page } = editor;
    const host = new EditorHost(LARGE);
    const started = Date.now();
    await editor.open(host);
    const firstPaintMs = Date.now() - started;
    const dataToPaintMs = Number(await page.getAttribute('[data-testid="flame-view"]', 'data-first-paint-ms'));
    assert.ok(dataToPaintMs > 0);
    const first = host.requests()[0];
    assert.equal(first?.method, 'flame');
    assert.deepEqual(first?.params, { sampleIndex: 1 });
    const view = flameOf(host, { sampleIndex: 1 });
    // The biggest frame under the root, hovered on the canvas.
    const widest = nodeNamed(view, 'runtime.main');
    const p = await flamePoint(page, view, widest);
    await page.mouse.move(p.x, p.y);
    await page.waitForSelector('.gp-flame-tooltip .gp-name');
    assert.equal(await page.textContent('.gp-flame-tooltip .gp-name'), 'runtime.main');
    const total = await page.textContent('.gp-flame-tooltip .gp-total');
    assert.ok(total?.startsWith(`Total: ${formatValue(pprofRow(largeTop, 'runtime.main').cum, 'nanoseconds')} (`), total ?? '');
    // time.Now never calls itself, so its frames add up to its cum.
    let nowTotal = 0;
    for (let n = 1; n < view.frame.length; n++) if (view.frames[view.frame[n]!]?.name === 'time.Now') nowTotal += view.value[n]!;
    assert.equal(nowTotal, pprofRow(largeTop, 'time.Now').cum);
    await shot(page, 'flame-large-light');
    console.log(`# large.cpu: flame data received -> first paint ${dataToPaintMs.toFixed(1)} ms; page load -> idle ${firstPaintMs} ms (includes decoding in the test host)`);
  });

  test('the shared search box highlights flame matches and reports their share', async () => {
    const { page } = editor;
    await page.fill('[data-testid="search-input"]', '^time\\.');
    await waitText(page, '[data-testid="search-status"]', 'matches? · ');
    const status = await page.textContent('[data-testid="search-status"]');
    // time.Now + time.now as a share of the total, as pprof -top -focus would count them.
    const share = ((pprofRow(largeTop, 'time.Now').cum + pprofRow(largeTop, 'time.now').flat) / largeTop.total) * 100;
    assert.match(status ?? '', new RegExp(`${share.toFixed(2).replace('.', '\\.')}% of total`));
    await page.fill('[data-testid="search-input"]', '');
  });

  test('top: every row (virtualised), pprof’s numbers, sort by a header and reverse, filter box', async () => {
    const { page, session } = editor;
    await page.click('[data-testid="tab-top"]');
    await session.idle();
    await page.waitForSelector('[data-testid="top-row"]');
    const caption = await page.textContent('[data-testid="top-caption"]');
    assert.match(caption ?? '', new RegExp(`^${largeTop.rows.length} rows`));
    const rows = await topRows(page);
    assert.ok(rows.length > 10 && rows.length < 200, `rendered ${rows.length} of ${largeTop.rows.length} rows`);
    for (let i = 0; i < 10; i++) {
      const want = largeTop.rows[i]!;
      assert.deepEqual(rows[i], { name: shownName(want), flat: want.flat, cum: want.cum });
    }
    // The last row, after scrolling to the end.
    await page.$eval('.vscroll', (el) => (el.scrollTop = el.scrollHeight));
    await waitCellText(page, shownName(largeTop.rows.at(-1)!));

    await page.$eval('.vscroll', (el) => (el.scrollTop = 0));
    await page.click('th[data-col="cum"]');
    const byCum = [...largeTop.rows].map((r) => r.cum).sort((a, b) => b - a);
    await waitAttr(page, 'th[data-col="cum"]', 'aria-sort', 'descending');
    assert.deepEqual((await topRows(page)).slice(0, 8).map((r) => r.cum), byCum.slice(0, 8));
    await page.click('th[data-col="cum"]');
    await waitAttr(page, 'th[data-col="cum"]', 'aria-sort', 'ascending');
    assert.deepEqual((await topRows(page)).slice(0, 8).map((r) => r.cum), [...byCum].reverse().slice(0, 8));
    await page.click('th[data-col="name"]');
    const names = (await topRows(page)).slice(0, 5).map((r) => r.name);
    assert.deepEqual(names, [...names].sort());

    await page.fill('[data-testid="top-filter"]', '^time\\.');
    await waitText(page, '[data-testid="top-caption"]', '^2 of ');
    assert.deepEqual((await topRows(page)).map((r) => r.name).sort(), ['time.Now', 'time.now']);
    await page.fill('[data-testid="top-filter"]', '');
    // sum% descending is pprof's own order again.
    await page.click('th[data-col="sum%"]');
    await waitAttr(page, 'th[data-col="sum%"]', 'aria-sort', 'descending');
    assert.equal((await topRows(page))[0]?.name, 'time.Now');
    await shot(page, 'top-large-light');
  });

  test('focus filter: same rows as go tool pprof -focus; an invalid regexp is an inline error, no request', async () => {
    const { page, session } = editor;
    const host = session.host!;
    await page.fill('[data-testid="filter-focus"]', FOCUS);
    await page.press('[data-testid="filter-focus"]', 'Enter');
    await session.idle();
    const request = host.requests('top').at(-1);
    assert.deepEqual(request?.params, { sampleIndex: 1, focus: FOCUS });
    await waitText(page, '[data-testid="top-caption"]', `^${largeFocus.rows.length} rows`);
    const rows = await topRows(page);
    for (let i = 0; i < Math.min(8, largeFocus.rows.length); i++) {
      const want = largeFocus.rows[i]!;
      assert.deepEqual(rows[i], { name: shownName(want), flat: want.flat, cum: want.cum });
    }

    const before = host.posted.length;
    await page.fill('[data-testid="filter-ignore"]', 'main.(next');
    await page.press('[data-testid="filter-ignore"]', 'Enter');
    assert.match((await page.textContent('[data-testid="filter-error"]')) ?? '', /ignore/);
    assert.equal(await page.getAttribute('[data-testid="filter-ignore"]', 'aria-invalid'), 'true');
    assert.equal(host.posted.length, before);
    await page.fill('[data-testid="filter-ignore"]', '');

    await page.click('[data-testid="filters-undo"]');
    await session.idle();
    assert.deepEqual(host.requests('top').at(-1)?.params, { sampleIndex: 1 });
    await waitText(page, '[data-testid="top-caption"]', `^${largeTop.rows.length} rows`);
    assert.equal(await page.inputValue('[data-testid="filter-focus"]'), '');
    await page.click('[data-testid="filters-redo"]');
    await session.idle();
    assert.equal(await page.inputValue('[data-testid="filter-focus"]'), FOCUS);
    await page.click('[data-testid="filters-undo"]');
    await session.idle();
  });

  test('tree: top-down roots with pprof’s cum, expand hot path, peek, bottom-up roots with pprof’s flat', async () => {
    const { page, session } = editor;
    await page.click('[data-testid="tab-tree"]');
    await session.idle();
    await page.waitForSelector('[data-testid="tree-row"]');
    const firstRoot = await page.$eval('[data-testid="tree-row"]', (tr) => [tr.getAttribute('data-name'), Number(tr.getAttribute('data-cum'))]);
    assert.deepEqual(firstRoot, ['runtime.main', pprofRow(largeTop, 'runtime.main').cum]);

    await page.click('[data-testid="expand-hot-path"]');
    await session.idle();
    const selected = await page.$eval('[data-testid="tree-row"][aria-selected="true"]', (tr) => [tr.getAttribute('data-name'), Number(tr.getAttribute('data-cum'))]);
    assert.equal(selected[0], 'time.Now');
    await waitText(page, '[data-testid="peek-name"]', '^time\\.Now$');
    const callers = await page.$$eval('[data-testid="peek-caller"]', (lis) => lis.map((li) => li.getAttribute('data-name')));
    assert.ok(callers.includes('main.next'), callers.join(', '));

    // Collapse and expand the first root, timing the expand in the page.
    await page.click('[data-testid="collapse-all"]');
    await page.click('[data-testid="tree-row"]:first-child [data-testid="tree-twisty"]');
    const expandMs = Number(await page.getAttribute('.tree-body', 'data-last-expand-ms'));
    console.log(`# large.cpu: tree expand of runtime.main ${expandMs.toFixed(2)} ms`);
    await shot(page, 'tree-large-light');

    await page.selectOption('[data-testid="tree-direction"]', 'bottom-up');
    await session.idle();
    const bottomUp = await page.$eval('[data-testid="tree-row"]', (tr) => [tr.getAttribute('data-name'), Number(tr.getAttribute('data-cum'))]);
    assert.deepEqual(bottomUp, ['time.Now', pprofRow(largeTop, 'time.Now').flat]);
  });

  test('"only my module" focuses on go.mod’s module path, like go tool pprof -focus', async () => {
    const { page, session } = editor;
    const host = new EditorHost(HOTSPOTS, 'example.com/hotspots');
    await editor.open(host, 'top');
    await page.check('[data-testid="only-my-module"]');
    await session.idle();
    assert.equal(host.requests('top').at(-1)?.params.focus, '^example\\.com/hotspots/');
    await waitText(page, '[data-testid="top-caption"]', `^${hotspotsModule.rows.length} rows`);
    const rows = await topRows(page);
    const want = hotspotsModule.rows[0]!;
    assert.deepEqual(rows[0], { name: shownName(want), flat: want.flat, cum: want.cum });
  });

  test('themes: light, dark and high contrast screenshots of every view', async () => {
    const { page, session } = editor;
    for (const theme of ['dark', 'high-contrast', 'light'] as const) {
      await session.setTheme(theme);
      for (const tab of ['flame', 'top', 'tree']) {
        await page.click(`[data-testid="tab-${tab}"]`);
        await session.idle();
        await shot(page, `${tab}-hotspots-${theme}`);
      }
    }
  });

  test('nothing was blocked by the CSP and no script error or dialog happened', async () => {
    const { session, seen } = editor;
    assert.deepEqual(await session.cspViolations(), []);
    assert.deepEqual(seen.errors, []);
    assert.deepEqual(seen.dialogs, []);
  });
});
