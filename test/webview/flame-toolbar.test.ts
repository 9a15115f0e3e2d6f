/**
 * The flame toolbar in Chromium: its orientation button names the orientation drawn (not the
 * one a click switches to), and inside the profile editor the search status is shown once,
 * by the editor's toolbar, with pprof's numbers.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { formatValue } from '../../src/shared/units';
import { goPprofTop, type GoPprofTop } from '../support/go-pprof';
import { repoRoot } from './harness';
import { usePage, useEditorPage } from './page-fixture';
import { bundleFlamePage, call, requireBox } from './flame-driver';
import { EditorHost } from './editor-driver';
import { flameModelOf, topLevelFrames, type NodeModel } from './flame-model';

const LARGE = join(repoRoot, 'test/fixtures/profiles/large.cpu.pb.gz');
const BUTTON = '[data-testid="flame-orientation"]';

/** The page's DOM as the callbacks below use it (this file has no DOM lib). */
interface PageNode {
  readonly childNodes: ArrayLike<{ readonly nodeType: number; readonly textContent: string | null }>;
  getClientRects(): ArrayLike<unknown>;
  getAttribute(name: string): string | null;
  readonly className: string;
}
interface PageDoc {
  readonly document: { querySelectorAll(selector: string): ArrayLike<PageNode> };
}

async function orientationButton(page: Page): Promise<{ text: string; label: string; title: string }> {
  return page.$eval(BUTTON, (b) => ({ text: b.textContent ?? '', label: b.getAttribute('aria-label') ?? '', title: b.getAttribute('title') ?? '' }));
}

describe('flame orientation button in Chromium', () => {
  const fixture = usePage({ bundle: bundleFlamePage, goto: true });
  let large: NodeModel;

  before(async () => {
    large = await flameModelOf(LARGE);
  });

  /** 'icicle' when the widest top-level frame is drawn below the root, 'flame' when above. */
  async function drawn(page: Page): Promise<'icicle' | 'flame'> {
    await call(page, 'nextFrame');
    const [widest] = topLevelFrames(large);
    const [child, root] = [await requireBox(page, widest!.node), await requireBox(page, 0)];
    return child.y > root.y ? 'icicle' : 'flame';
  }

  test('names the orientation drawn, and its tooltip says what a click does', async () => {
    const { page, seen } = fixture;
    await call(page, 'load', large.wire, { animationMs: 0 });
    assert.equal(await drawn(page), 'icicle');
    assert.deepEqual(await orientationButton(page), {
      text: 'Icicle',
      label: 'Icicle (root on top) — click for flame (root at the bottom)',
      title: 'Icicle (root on top) — click for flame (root at the bottom)',
    });

    await page.click(BUTTON);
    assert.equal(await drawn(page), 'flame');
    assert.deepEqual(await orientationButton(page), {
      text: 'Flame',
      label: 'Flame (root at the bottom) — click for icicle (root on top)',
      title: 'Flame (root at the bottom) — click for icicle (root on top)',
    });

    // A profile opened in flame orientation says so from the start.
    await call(page, 'load', large.wire, { animationMs: 0, orientation: 'flame' });
    assert.equal(await drawn(page), 'flame');
    assert.equal((await orientationButton(page)).text, 'Flame');
    await page.focus(BUTTON);
    await page.keyboard.press('Enter');
    assert.equal(await drawn(page), 'icicle');
    assert.equal((await orientationButton(page)).text, 'Icicle');
    assert.deepEqual(seen, { dialogs: [], errors: [] });
  });
});

describe('search status in the profile editor', () => {
  const editor = useEditorPage();
  let top: GoPprofTop;

  before(async () => {
    top = await goPprofTop(LARGE);
  });

  test('exactly one element shows the flame search status, with pprof’s share and value', async () => {
    const { page } = editor;
    await editor.open(new EditorHost(LARGE));
    await page.fill('[data-testid="search-input"]', '^time\\.');
    await page.waitForFunction(() =>
      /match/.test(Array.from((globalThis as unknown as PageDoc).document.querySelectorAll('[data-testid="search-status"]'))[0]?.childNodes[0]?.textContent ?? ''),
    );
    // Every visible element whose own text reads like a search status.
    const shown = await page.evaluate(() =>
      Array.from((globalThis as unknown as PageDoc).document.querySelectorAll('body *'))
        .filter((e) => e.getClientRects().length > 0)
        .filter((e) => Array.from(e.childNodes).some((n) => n.nodeType === 3 && /\bmatch(es)?\b/.test(n.textContent ?? '')))
        .map((e) => ({ testid: e.getAttribute('data-testid'), className: e.className, text: Array.from(e.childNodes).map((n) => n.textContent).join('') })),
    );
    assert.equal(shown.length, 1, JSON.stringify(shown));
    assert.equal(shown[0]!.testid, 'search-status');
    // time.Now (its cum covers time.now under it) plus time.now called elsewhere, as pprof counts them.
    const row = (name: string): { flat: number; cum: number } => top.rows.find((r) => r.name === name) ?? assert.fail(`${name} is not in pprof's top`);
    const value = row('time.Now').cum + row('time.now').flat;
    const share = ((value / top.total) * 100).toFixed(2);
    assert.equal(shown[0]!.text.replace(/^\d+ matches/, 'N matches'), `N matches · ${share}% of total (${formatValue(value, 'nanoseconds')})`);
    assert.equal((await orientationButton(page)).text, 'Icicle');
    await page.fill('[data-testid="search-input"]', '');
  });
});
