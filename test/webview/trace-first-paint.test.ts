/**
 * The Go Trace timeline's first paint is spread over animation frames (rows top to bottom) and
 * the tables are built after it: in Chromium with a real Go 1.26 trace's view model, a first
 * paint forced to one row per frame leaves exactly the pixels of a whole paint of the same
 * view, and the tables built later are in their places with every row.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { TraceViewModel } from '../../src/shared/trace-view';
import { readTrace } from '../../src/trace/read';
import { traceViewModel } from '../../src/trace/trace-view-model';
import { bundlePage, repoRoot } from './harness';
import { usePage } from './page-fixture';

const FILE = join(repoRoot, 'test', 'fixtures', 'traces', 'tracer-go1.26.trace');

interface Timeline {
  paints: number;
  firstPaintFrames: number;
  rowLabels(): string[];
  requestPaint(): void;
  canvas: { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } };
  constructor: { firstPaintSliceMs: number };
}
type Globals = { traceTimeline?: Timeline; postMessage(data: unknown, origin: string): void; posted: { kind: string }[] };

/** The whole canvas's pixels as one FNV-1a hash, with how many are painted. */
const pixels = (page: Page): Promise<{ hash: number; painted: number; width: number; height: number }> =>
  page.evaluate(() => {
    const c = (globalThis as unknown as Globals).traceTimeline!.canvas;
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let hash = 0x811c9dc5;
    let painted = 0;
    for (let i = 0; i < data.length; i++) {
      hash = Math.imul(hash ^ data[i]!, 16777619) >>> 0;
      if (i % 4 === 3 && data[i]! > 0) painted++;
    }
    return { hash, painted, width: c.width, height: c.height };
  });

/** Posts the model and waits for the new timeline's first complete paint. */
async function post(page: Page, model: TraceViewModel): Promise<void> {
  await page.evaluate((m) => {
    const g = globalThis as unknown as Globals;
    delete g.traceTimeline;
    g.postMessage({ kind: 'trace', model: m }, '*');
  }, model);
  await page.waitForFunction(() => ((globalThis as unknown as Globals).traceTimeline?.paints ?? 0) > 0);
}

/** Paints the current view again, whole (only a first paint is split), and waits for it. */
async function repaint(page: Page): Promise<void> {
  const before = await page.evaluate(() => {
    const t = (globalThis as unknown as Globals).traceTimeline!;
    t.requestPaint();
    return t.paints;
  });
  await page.waitForFunction((n) => (globalThis as unknown as Globals).traceTimeline!.paints > n, before);
}

describe('Go Trace first paint over frames (Chromium)', () => {
  const fixture = usePage({ bundle: () => bundlePage(join(repoRoot, 'test/webview/page/trace-page.ts')) });
  let model: TraceViewModel;

  before(() => {
    model = traceViewModel(readTrace(new Uint8Array(readFileSync(FILE)), FILE), 'tracer-go1.26.trace');
  });

  test('a first paint of one row per frame draws the pixels of a whole paint', async () => {
    const { page, server } = fixture;
    await page.goto(server.url);
    await page.waitForFunction(() => (globalThis as unknown as Globals).posted.some((m) => m.kind === 'ready'));
    await post(page, model);
    const defaultFirst = await pixels(page);
    const labels = await page.evaluate(() => (globalThis as unknown as Globals).traceTimeline!.rowLabels());
    assert.ok(labels.length > 10, `rows: ${labels.join(', ')}`);

    // No budget: every frame paints one row and asks for the next.
    await page.evaluate(() => ((globalThis as unknown as Globals).traceTimeline!.constructor.firstPaintSliceMs = 0));
    await post(page, model);
    const split = await page.evaluate(() => {
      const t = (globalThis as unknown as Globals).traceTimeline!;
      return { frames: t.firstPaintFrames, labels: t.rowLabels() };
    });
    assert.equal(split.frames, labels.length, 'one frame per row');
    assert.deepEqual(split.labels, labels);
    const splitFirst = await pixels(page);
    await repaint(page);
    const whole = await pixels(page);
    assert.ok(whole.painted > 10_000, `painted pixels: ${whole.painted}`);
    assert.deepEqual(splitFirst, whole, 'split first paint = whole paint');
    assert.deepEqual(defaultFirst, whole, 'first paint at the default budget = whole paint');
  });

  test('the tables built after the first paint are in their places with every row', async () => {
    const { page } = fixture;
    await page.waitForSelector('.trace-annotations');
    const order = await page.$$eval('#app > *', (nodes) => nodes.map((n) => `${n.tagName.toLowerCase()}.${n.className || (n.firstElementChild?.className ?? '')}`));
    assert.deepEqual(order, ['p.trace-summary', 'div.trace-timeline-host', 'div.trace-details', 'div.trace-analysis', 'section.trace-annotations']);
    const groupRows = await page.$$eval('.trace-analysis > table tbody tr', (rows) => rows.length);
    assert.equal(groupRows, model.groups.length);
    const taskRows = await page.$$eval('.trace-annotations > table:nth-of-type(2) tbody tr', (rows) => rows.length);
    assert.equal(taskRows, model.tasks.length);
  });
});
