/**
 * Top after a selection made in the flame graph: the table stays at its top in its order
 * (pprof's first rows under the header), and the selected row, far down the table, is pinned
 * above it with its rank until "Scroll to row" brings it into view.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { repoRoot } from './harness';
import { useEditorPage } from './page-fixture';
import { EditorHost, flameOf, flamePoint } from './editor-driver';
import { pprofTop } from './pprof-top';

const HOTSPOTS = join(repoRoot, 'examples/profiles/hotspots.cpu.pb.gz');
/** A wide frame right under the root with no flat time (near the end of Top). */
const NAME = 'testing.(*B).launch';

describe('top after a flame click', () => {
  const editor = useEditorPage();

  test('the top and the sort order stay; the selection is pinned, then scrolled to on request', async () => {
    const { page, session, seen } = editor;
    const host = new EditorHost(HOTSPOTS);
    await editor.open(host, 'flame');
    const flame = flameOf(host);
    let node = -1;
    for (let n = 1; n < flame.frame.length; n++) if (flame.frames[flame.frame[n]!]?.name === NAME) node = n;
    assert.ok(node > 0);
    const p = await flamePoint(page, flame, node);
    await page.mouse.click(p.x, p.y);
    await page.click('[data-testid="tab-top"]');
    await session.idle();
    await page.waitForSelector('[data-testid="top-row"]');

    const pprof = pprofTop(HOTSPOTS);
    const rank = pprof.names.indexOf(NAME);
    assert.ok(rank > 40, `${NAME} is row ${rank + 1} of ${pprof.names.length} in pprof's order`);
    assert.equal(await page.$eval('.view-top .vscroll', (el) => el.scrollTop), 0, 'the table stays at its top');
    const first = await page.$$eval('[data-testid="top-row"] td[data-col="name"]', (tds) => tds.slice(0, 3).map((td) => (td.textContent ?? '').replace(/ \((partial-)?inline\)$/, '')));
    assert.deepEqual(first, pprof.names.slice(0, 3));
    assert.equal(await page.isVisible('.view-top th[data-col="flat"]'), true);
    assert.match((await page.textContent('[data-testid="top-sort"]')) ?? '', /^sorted by pprof’s order/);
    assert.match((await page.textContent('[data-testid="top-pinned-text"]')) ?? '', new RegExp(`^Selected: ${NAME.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · row ${rank + 1} of ${pprof.names.length} · `));

    await page.click('[data-testid="top-pinned-go"]');
    const selected = page.locator('[data-testid="top-row"][aria-selected="true"]');
    await selected.waitFor();
    assert.equal(await selected.locator('td[data-col="name"]').textContent(), NAME);
    const box = await selected.boundingBox();
    const scroller = await page.locator('.view-top .vscroll').boundingBox();
    assert.ok(box && scroller && box.y >= scroller.y && box.y + box.height <= scroller.y + scroller.height, 'the selected row is in view');
    assert.equal(await page.isVisible('[data-testid="top-pinned"]'), false);
    assert.deepEqual(seen.errors, []);
  });
});
