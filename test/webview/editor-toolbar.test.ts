/**
 * The editor's shared toolbar and cross-view state in Chromium, on the Go-built CPU fixture
 * (labelled phases): the tag filter against `go tool pprof -tags` and `-tagfocus`, selection
 * shared between views, the shared search in the top table, and image capture.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { ensureGoFixtures } from '../support/go-fixtures';
import { goPprofRaw, goPprofTop, type GoPprofTop } from '../support/go-pprof';
import { useEditorPage } from './page-fixture';
import { EditorHost } from './editor-driver';

/** `go tool pprof -tags`: label key -> values. */
function parseTags(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let key = '';
  for (const line of text.split('\n')) {
    const k = /^\s*(\S+): Total /.exec(line);
    if (k) {
      key = k[1]!;
      out.set(key, []);
      continue;
    }
    const v = /^\s+\S+ \(\s*[\d.]+%\): (.+)$/.exec(line);
    if (v && key) out.get(key)!.push(v[1]!);
  }
  return out;
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

describe('profile editor toolbar and shared state in Chromium', () => {
  const editor = useEditorPage();
  let cpu: string;
  let tags: Map<string, string[]>;
  let hot: GoPprofTop;

  before(async () => {
    cpu = (await ensureGoFixtures()).cpu;
    const [tagText, hotTop] = await Promise.all([goPprofRaw(cpu, ['-tags']), goPprofTop(cpu, { tagFocus: 'phase=^hot$' })]);
    tags = parseTags(tagText);
    hot = hotTop;
  });

  test('the tag filter lists pprof’s label keys and values; choosing one matches go tool pprof -tagfocus', async () => {
    const { page, session } = editor;
    const host = new EditorHost(cpu);
    await editor.open(host, 'top');
    const options = await page.$$eval('[data-testid="tag-select"] option', (os) => os.map((o) => o.textContent ?? ''));
    assert.ok(tags.size >= 2, `pprof -tags found ${tags.size} keys`);
    for (const [key, values] of tags) for (const v of values) assert.ok(options.includes(`${key}=${v}`), `${key}=${v} missing from ${options.join(', ')}`);

    await page.selectOption('[data-testid="tag-select"]', { label: 'phase=hot' });
    await session.idle();
    assert.equal(host.requests('top').at(-1)?.params.tagFocus, 'phase=^hot$');
    const rows = await topRows(page);
    assert.equal(rows.length, hot.rows.length);
    hot.rows.forEach((want, i) => assert.deepEqual(rows[i], { name: want.inlineLabel ? `${want.name} ${want.inlineLabel}` : want.name, flat: want.flat, cum: want.cum }));
    await page.click('[data-testid="filters-undo"]');
    await session.idle();
    assert.equal(await page.inputValue('[data-testid="tag-select"]'), '');
  });

  test('a selection made in one view is the selection in the others; the search marks top rows', async () => {
    const { page, session } = editor;
    const host = session.host!;
    await page.click('[data-testid="top-row"]:has(td[data-col="name"]:text-is("main.burnHottest"))');
    assert.equal(await page.getAttribute('[data-testid="top-row"]:has(td[data-col="name"]:text-is("main.burnHottest"))', 'aria-selected'), 'true');

    await page.click('[data-testid="tab-tree"]');
    await session.idle();
    assert.equal(await page.textContent('[data-testid="peek-name"]'), 'main.burnHottest');
    const peek = host.requests('peek').at(-1);
    assert.equal(peek?.method === 'peek' ? peek.params.name : undefined, 'main.burnHottest');
    const callers = await page.$$eval('[data-testid="peek-caller"]', (lis) => lis.map((li) => li.getAttribute('data-name')));
    assert.ok(callers.length > 0);

    await page.click('[data-testid="tab-flame"]');
    await session.idle();
    assert.match((await page.textContent('.gp-flame .gp-sr-only')) ?? '', /main\.burnHottest/);

    await page.click('[data-testid="tab-top"]');
    await session.idle();
    await page.fill('[data-testid="search-input"]', '^main\\.burn');
    const marked = await page.$$eval('[data-testid="top-row"].match td[data-col="name"]', (tds) => tds.map((td) => td.textContent));
    const want = hot.rows.length > 0 ? (await topRows(page)).filter((r) => /^main\.burn/.test(r.name)).map((r) => r.name) : [];
    assert.deepEqual(marked, want);
    assert.match((await page.textContent('[data-testid="search-status"]')) ?? '', new RegExp(`^${want.length} rows? match`));
    await page.fill('[data-testid="search-input"]', '');
  });

  test('keyboard: arrows move the selection in top and tree, Right expands, Enter opens the source', async () => {
    const { page, session } = editor;
    const host = session.host!;
    await page.click('[data-testid="tab-top"]');
    await session.idle();
    await page.focus('.view-top .vscroll');
    // The selection is main.burnHottest (row 1); Down moves to row 2.
    await page.keyboard.press('ArrowDown');
    const second = await page.$eval('[data-testid="top-row"]:nth-child(2) td[data-col="name"]', (td) => td.textContent);
    assert.equal(await page.getAttribute('[data-testid="top-row"]:nth-child(2)', 'aria-selected'), 'true');
    host.posted.length = 0;
    await page.keyboard.press('Enter');
    await session.idle();
    const open = host.last('openSource');
    assert.ok(open && open.file.endsWith('.go') && open.line > 0, JSON.stringify(open));

    await page.click('[data-testid="tab-tree"]');
    await session.idle();
    await page.click('[data-testid="collapse-all"]');
    await page.click('[data-testid="tree-row"]:first-child td[data-col="flat"]');
    await page.focus('.view-tree .vscroll');
    const before = await page.$$eval('[data-testid="tree-row"]', (trs) => trs.length);
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.getAttribute('[data-testid="tree-row"]:first-child', 'aria-expanded'), 'true');
    assert.ok((await page.$$eval('[data-testid="tree-row"]', (trs) => trs.length)) > before);
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.getAttribute('[data-testid="tree-row"]:nth-child(2)', 'aria-selected'), 'true');
    assert.ok(second);
  });

  test('Capture image posts a PNG and an SVG of the flame graph for the host to save', async () => {
    const { page, session } = editor;
    const host = session.host!;
    await page.click('[data-testid="tab-flame"]');
    await session.idle();
    await page.click('.gp-flame-toolbar button:text-is("PNG")');
    await page.click('.gp-flame-toolbar button:text-is("SVG")');
    await session.idle();
    const saves = host.posted.filter((m) => m.kind === 'saveImage');
    assert.equal(saves.length, 2);
    const [png, svg] = saves as Extract<(typeof saves)[number], { kind: 'saveImage' }>[];
    assert.equal(png?.format, 'png');
    assert.equal(Buffer.from(png?.data ?? '', 'base64').subarray(1, 4).toString('latin1'), 'PNG');
    assert.equal(svg?.format, 'svg');
    assert.match(svg?.data ?? '', /<svg[\s\S]*main\.burnHottest/);
  });

  test('filters survive a reload of the webview (setState/getState)', async () => {
    const { page, session } = editor;
    const host = session.host!;
    await page.fill('[data-testid="filter-hide"]', '^runtime\\.');
    await page.press('[data-testid="filter-hide"]', 'Enter');
    await session.idle();
    host.posted.length = 0;
    await page.reload();
    await session.idle();
    assert.equal(await page.inputValue('[data-testid="filter-hide"]'), '^runtime\\.');
    const first = host.requests()[0];
    assert.equal(first?.params.hide, '^runtime\\.');
    // The restored filters are where the undo history starts.
    assert.equal(await page.isDisabled('[data-testid="filters-undo"]'), true);
  });

  test('nothing was blocked by the CSP and no script error or dialog happened', async () => {
    const { session, seen } = editor;
    assert.deepEqual(await session.cspViolations(), []);
    assert.deepEqual(seen.errors, []);
    assert.deepEqual(seen.dialogs, []);
  });
});
