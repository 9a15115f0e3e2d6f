/**
 * The call graph opens readable: on an 80-node graph of a real CPU profile (the demo's hotspots) every label is at
 * least 10 px on screen and the hottest node (pprof -top's first row) is in view; Fit still
 * shows the whole graph, and the minimap moves the view.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ensureResultsDir, repoRoot } from './harness';
import { useEditorPage } from './page-fixture';
import { EditorHost } from './editor-driver';
import { pprofTop } from './pprof-top';

const HOTSPOTS = join(repoRoot, 'examples/profiles/hotspots.cpu.pb.gz');

interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The smallest label font size on screen: the font-size attribute times the on-screen scale. */
function smallestLabelPx(page: Page): Promise<number> {
  return page.$$eval('.cg-node text', (texts) =>
    Math.min(
      ...texts.map((t) => {
        const ctm = (t as unknown as { getScreenCTM(): { a: number } | null }).getScreenCTM();
        return Number(t.getAttribute('font-size')) * (ctm?.a ?? 0);
      }),
    ),
  );
}

function inside(inner: Rect, outer: Rect): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

async function nodeBox(page: Page, name: string): Promise<Rect> {
  const boxes = await page.$$eval('.cg-node', (nodes) =>
    nodes.map((g) => {
      const r = g.querySelector('rect')!.getBoundingClientRect();
      return { name: (g.querySelector('title')?.textContent ?? '').split('\n')[0], x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
  const box = boxes.find((b) => b.name === name);
  assert.ok(box, `${name} is drawn`);
  return box;
}

describe('call graph: readable at open', () => {
  const editor = useEditorPage({ callGraphLayout: true });

  test('80 nodes: labels ≥ 10 px, the hottest node in view; Fit shows all; the minimap pans', async () => {
    const { page, seen } = editor;
    await page.setViewportSize({ width: 1200, height: 800 });
    await editor.open(new EditorHost(HOTSPOTS), 'callgraph');
    await page.waitForSelector('[data-testid="callgraph-svg"] .cg-node');
    assert.equal(await page.locator('.cg-node').count(), 80);
    assert.ok((await smallestLabelPx(page)) >= 10, `smallest label ${await smallestLabelPx(page)} px`);
    const hottest = pprofTop(HOTSPOTS).names[0]!;
    const svgBox = await page.locator('[data-testid="callgraph-svg"]').boundingBox();
    assert.ok(svgBox);
    assert.ok(inside(await nodeBox(page, hottest), svgBox), `${hottest} (pprof -top's first row) is in view`);
    await page.screenshot({ path: join(ensureResultsDir(), 'callgraph-readable.png') });

    // Fit: the whole graph, so labels shrink below the readable size on this graph.
    await page.click('[data-testid="cg-fit"]');
    const fitted = await smallestLabelPx(page);
    assert.ok(fitted < 10, `fit shows all 80 nodes (${fitted} px labels)`);
    const viewport = page.locator('[data-testid="cg-minimap-view"]');
    const whole = await viewport.boundingBox();
    const map = await page.locator('[data-testid="cg-minimap"]').boundingBox();
    assert.ok(whole && map);

    // Back to the hot path, then a click in the minimap's top-left corner moves the view there.
    await page.click('[data-testid="cg-hotpath"]');
    assert.ok((await smallestLabelPx(page)) >= 10);
    const before = await viewport.boundingBox();
    await page.mouse.click(map.x + 2, map.y + 2);
    const after = await viewport.boundingBox();
    assert.ok(before && after);
    assert.ok(after.x + after.width / 2 < before.x + before.width / 2 || after.y + after.height / 2 < before.y + before.height / 2, 'the view moved toward the corner');
    assert.ok(after.width < whole.width, 'zoomed in: the outline is smaller than with Fit');
    assert.deepEqual(seen.errors, []);
  });
});
