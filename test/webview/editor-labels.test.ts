/**
 * The Labels tab in Chromium, on the Go-built CPU profile labelled with pprof.Do: its keys,
 * values and shares against `go tool pprof -tags`; "Group by this key" makes the flame graph's
 * roots the label values with pprof -tagroot's numbers; Focus / Ignore set the toolbar's
 * tagfocus / tagignore; the grouping survives a reload; a profile without labels says so.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { formatValue } from '../../src/shared/units';
import { ensureGoFixtures, type GoFixtures } from '../support/go-fixtures';
import { goPprofRaw, goPprofTop, parsePprofValue, type GoPprofTop } from '../support/go-pprof';
import { parsePprofTags } from '../support/pprof-tags';
import { ensureResultsDir } from './harness';
import { useEditorPage } from './page-fixture';
import { EditorHost, flameOf, flamePoint } from './editor-driver';

interface TagRow {
  readonly value: string;
  readonly total: number;
  readonly percent: string;
}

/** `go tool pprof -tags -unit=ns`: key -> its values with exact totals and pprof's percentages. */
function parseTags(text: string): Map<string, TagRow[]> {
  const out = new Map<string, TagRow[]>();
  for (const [key, rows] of parsePprofTags(text)) out.set(key, rows.map((r) => ({ value: r.value, total: parsePprofValue(r.total, key), percent: r.percent })));
  return out;
}

/** The panel's "(none)" row: the samples without the key, which pprof -tags leaves out. */
const NONE = '(none)';

/** The panel's rows of `key` as pprof -tags prints them (without "(none)"), and the "(none)" row if shown. */
async function panelTags(page: Page, key: string): Promise<{ rows: TagRow[]; none: TagRow | undefined }> {
  const all = await panelRows(page, key);
  return { rows: all.filter((r) => r.value !== NONE), none: all.find((r) => r.value === NONE) };
}

async function panelRows(page: Page, key: string): Promise<TagRow[]> {
  return page.$$eval(
    `[data-testid="labels-key"][data-key="${key}"] [data-testid="labels-value"]`,
    (trs) =>
      trs.map((tr) => ({
        value: tr.getAttribute('data-value') ?? '',
        total: Number(tr.getAttribute('data-total')),
        percent: tr.querySelector('[data-col="percent"]')?.textContent ?? '',
      })),
  );
}

describe('the Labels tab in Chromium', () => {
  const editor = useEditorPage();
  let fixtures: GoFixtures;
  let tags: Map<string, TagRow[]>;
  let byPhase: GoPprofTop;

  before(async () => {
    fixtures = await ensureGoFixtures();
    const [text, top] = await Promise.all([goPprofRaw(fixtures.cpu, ['-tags', '-unit=ns']), goPprofTop(fixtures.cpu, { tagRoot: ['phase'] })]);
    tags = parseTags(text);
    byPhase = top;
  });

  test('lists every key and value with the shares go tool pprof -tags gives', async () => {
    const { page } = editor;
    await editor.open(new EditorHost(fixtures.cpu), 'labels');
    assert.deepEqual([...tags.keys()], ['phase', 'shape'], 'the fixture program labels phase and shape');
    const keys = await page.$$eval('[data-testid="labels-key"]', (ss) => ss.map((s) => s.getAttribute('data-key')));
    assert.deepEqual(keys, [...tags.keys()]);
    for (const [key, rows] of tags) {
      const shown = await panelTags(page, key);
      assert.deepEqual(shown.rows, rows, key);
    }
    // A run of the fixture can have a sample outside every pprof.Do (the runtime's own work):
    // the panel lists it as "(none)", with the cum of pprof -tagroot's "<unknown>" root.
    const unlabelled = byPhase.rows.find((r) => r.name === '<unknown>')?.cum ?? 0;
    assert.equal((await panelTags(page, 'phase')).none?.total ?? 0, unlabelled, 'phase: samples without the key');
    await page.screenshot({ path: join(ensureResultsDir(), 'editor-labels.png') });
  });

  test('Group by this key: the flame graph\'s roots are the label values, with pprof -tagroot\'s cum', async () => {
    const { page, session } = editor;
    const host = session.host!;
    await page.click('[data-testid="labels-key"][data-key="phase"] [data-testid="labels-group-root"]');
    await session.idle();
    assert.equal(await page.getAttribute('[data-testid="labels-key"][data-key="phase"] [data-testid="labels-group-root"]', 'aria-pressed'), 'true');
    await page.click('[data-testid="tab-flame"]');
    await session.idle();
    assert.deepEqual(host.requests('flame').at(-1)?.params.tagRoot, ['phase']);

    const view = flameOf(host, { tagRoot: ['phase'] });
    const roots: number[] = [];
    for (let n = 1; n < view.parent.length; n++) if (view.parent[n] === 0) roots.push(n);
    const names = roots.map((n) => view.frames[view.frame[n]!]!.name).sort();
    // Samples without the key get pprof's "<unknown>" root.
    const unknown = byPhase.rows.some((r) => r.name === '<unknown>') ? ['<unknown>'] : [];
    assert.deepEqual(names, [...tags.get('phase')!.map((r) => r.value), ...unknown].sort());
    for (const node of roots) {
      const name = view.frames[view.frame[node]!]!.name;
      const cum = byPhase.rows.find((r) => r.name === name)?.cum;
      assert.equal(view.value[node], cum, name);
      // What the canvas shows there: the label value, with pprof's number.
      const p = await flamePoint(page, view, node);
      await page.mouse.move(p.x, p.y);
      await page.locator('.gp-flame-tooltip .gp-name').filter({ hasText: name }).waitFor();
      assert.equal(await page.textContent('.gp-flame-tooltip .gp-name'), name);
      const total = await page.textContent('.gp-flame-tooltip .gp-total');
      assert.ok(total?.startsWith(`Total: ${formatValue(cum!, 'nanoseconds')} (`), `${name}: ${total}`);
    }
    await page.mouse.move(0, 0);
    // The toolbar says why the roots are label values, on every tab.
    assert.equal(await page.textContent('[data-testid="label-grouping"]'), 'Label roots: phase');
    await page.screenshot({ path: join(ensureResultsDir(), 'editor-labels-flame-tagroot.png') });
  });

  test('the grouping survives a reload of the webview (WebviewState)', async () => {
    const { page, session } = editor;
    const host = session.host!;
    host.posted.length = 0;
    await page.reload();
    await session.idle();
    assert.deepEqual(host.requests()[0]?.params.tagRoot, ['phase']);
    await page.click('[data-testid="tab-labels"]');
    await session.idle();
    assert.equal(await page.getAttribute('[data-testid="labels-key"][data-key="phase"] [data-testid="labels-group-root"]', 'aria-pressed'), 'true');
    await page.click('[data-testid="labels-key"][data-key="shape"] [data-testid="labels-group-leaf"]');
    await session.idle();
    assert.deepEqual(host.requests('labels').at(-1)?.params.tagLeaf, ['shape']);
    assert.equal(await page.textContent('[data-testid="label-grouping"]'), 'Label roots: phase · leaves: shape');
    // The toolbar's × turns both off.
    await page.click('[data-testid="label-grouping-clear"]');
    await session.idle();
    const last = host.requests('labels').at(-1)?.params;
    assert.equal(last?.tagRoot, undefined);
    assert.equal(last?.tagLeaf, undefined);
    assert.equal(await page.isVisible('[data-testid="label-grouping"]'), false);
  });

  test('Focus and Ignore set the toolbar\'s tagfocus and tagignore; undo takes them back', async () => {
    const { page, session } = editor;
    const host = session.host!;
    const hot = '[data-testid="labels-value"][data-key="phase"][data-value="hot"]';
    await page.click(`${hot} [data-testid="labels-focus"]`);
    await session.idle();
    assert.equal(await page.inputValue('[data-testid="tag-select"]'), 'phase=^hot$');
    assert.equal(host.requests('labels').at(-1)?.params.tagFocus, 'phase=^hot$');
    // pprof -tags with the same filter: only "hot" is left, at its share of the whole profile.
    const focused = parseTags(await goPprofRaw(fixtures.cpu, ['-tags', '-unit=ns', '-tagfocus=phase=^hot$']));
    assert.deepEqual((await panelTags(page, 'phase')).rows, focused.get('phase'));
    await page.click('[data-testid="filters-undo"]');
    await session.idle();
    assert.equal(await page.inputValue('[data-testid="tag-select"]'), '');

    await page.click(`${hot} [data-testid="labels-ignore"]`);
    await session.idle();
    assert.equal(await page.inputValue('[data-testid="tag-ignore-select"]'), 'phase=^hot$');
    const ignored = parseTags(await goPprofRaw(fixtures.cpu, ['-tags', '-unit=ns', '-tagignore=phase=^hot$']));
    assert.deepEqual((await panelTags(page, 'phase')).rows, ignored.get('phase'));
    await page.click('[data-testid="filters-undo"]');
    await session.idle();
    assert.equal(await page.inputValue('[data-testid="tag-ignore-select"]'), '');
  });

  test('a profile without labels says so', async () => {
    const { page } = editor;
    assert.equal((await goPprofRaw(fixtures.goroutine, ['-tags'])).trim(), '', 'the goroutine fixture has no labels');
    await editor.open(new EditorHost(fixtures.goroutine), 'labels');
    assert.match((await page.textContent('[data-testid="labels-empty"]')) ?? '', /has no labels/);
  });

  test('nothing was blocked by the CSP and no script error or dialog happened', async () => {
    const { session, seen } = editor;
    assert.deepEqual(await session.cspViolations(), []);
    assert.deepEqual(seen.errors, []);
    assert.deepEqual(seen.dialogs, []);
  });
});
