/**
 * The Go Trace webview in Chromium with the view model of a real Go 1.26 trace (the committed
 * fixture): summary, timeline painting, click on a slice for its goroutine and stack, a frame's
 * jump request, zoom, sortable goroutine analysis, and hostile strings kept as text.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { TIMELINE_LABEL_WIDTH as LABEL_WIDTH, TIMELINE_ROW_HEIGHT as ROW_HEIGHT, sliceAt, type TraceSlice, type TraceViewModel } from '../../src/shared/trace-view';
import { readTrace } from '../../src/trace/read';
import { traceViewModel } from '../../src/trace/trace-view-model';
import { bundlePage, repoRoot } from './harness';
import { usePage } from './page-fixture';

const FILE = join(repoRoot, 'test', 'fixtures', 'traces', 'tracer-go1.26.trace');

interface PageGlobals {
  posted: { kind: string; frame?: number }[];
  traceTimeline: { paints: number; start: number; end: number; hit(x: number, y: number): unknown; rowLabels(): string[] };
}

const labels = async (page: Page): Promise<string[]> => page.evaluate(() => (globalThis as unknown as PageGlobals).traceTimeline.rowLabels());

/** The slice of `rows` (indexes into model.slices) that `better` prefers. */
function pick(model: TraceViewModel, rows: Int32Array, keep: (s: TraceSlice) => boolean, better: (a: TraceSlice, b: TraceSlice) => boolean): TraceSlice {
  let best: TraceSlice | undefined;
  for (const i of rows) {
    const s = sliceAt(model.slices, i);
    if (keep(s) && (best === undefined || better(s, best))) best = s;
  }
  assert.ok(best, 'a slice to click');
  return best;
}
const longer = (a: TraceSlice, b: TraceSlice): boolean => a.end - a.start > b.end - b.start;

async function load(page: Page, url: string, model: TraceViewModel): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => (globalThis as unknown as PageGlobals).posted.some((m) => m.kind === 'ready'));
  await page.evaluate((m) => (globalThis as unknown as { postMessage(data: unknown, origin: string): void }).postMessage({ kind: 'trace', model: m }, '*'), model);
  await page.waitForFunction(() => ((globalThis as unknown as Partial<PageGlobals>).traceTimeline?.paints ?? 0) > 0);
}

describe('Go Trace webview (Chromium)', () => {
  const fixture = usePage({ bundle: () => bundlePage(join(repoRoot, 'test/webview/page/trace-page.ts')) });
  let model: TraceViewModel;

  before(() => {
    model = traceViewModel(readTrace(new Uint8Array(readFileSync(FILE)), FILE), 'tracer-go1.26.trace');
  });

  test('summary, timeline, click on the longest slice for its goroutine and stack, jump request', async () => {
    const { page, server } = fixture;
    await load(page, server.url, model);
    assert.match((await page.textContent('.trace-summary')) ?? '', /Go 1\.26 trace, .* events, 25 goroutines, 9 GC cycles, 2 Ps/);
    // The longest slice of P0 that stopped with a stack: click its middle.
    const best = pick(model, model.procs[0]!.slices, (s) => model.stacks[s.stack]!.length > 0, longer);
    const canvas = (await page.$('canvas.trace-timeline'))!;
    const box = (await canvas.boundingBox())!;
    const width = box.width - LABEL_WIDTH;
    const x = LABEL_WIDTH + ((best.start + best.end) / 2 / model.durationNs) * width;
    const rowOfP0 = (await labels(page)).indexOf('P0');
    assert.equal(rowOfP0, 3, 'GC, STW, heap, then the Ps');
    await page.mouse.click(box.x + x, box.y + rowOfP0 * ROW_HEIGHT + ROW_HEIGHT / 2);
    const text = (await page.textContent('.trace-details')) ?? '';
    assert.match(text, new RegExp(`^G${best.goroutine} `));
    assert.ok(text.includes(`then: ${model.reasons[best.reason]}`), text);
    const links = await page.$$('.trace-details > ol.trace-stack:not(.trace-unblock-stack) button');
    assert.equal(links.length, model.stacks[best.stack]!.length);
    await links[0]!.click();
    const posted = await page.evaluate(() => (globalThis as unknown as PageGlobals).posted);
    assert.deepEqual(posted.at(-1), { kind: 'openSource', frame: model.stacks[best.stack]![0] });
  });

  test('a row per start function below the P rows: a click there names a goroutine of that function', async () => {
    const { page } = fixture;
    const group = model.groups[0]!;
    const ids = new Set(model.goroutines.filter((g) => g.name === group.name).map((g) => g.id));
    const longest = pick(model, model.procs[0]!.slices, (s) => ids.has(s.goroutine), longer);
    const box = (await (await page.$('canvas.trace-timeline'))!.boundingBox())!;
    const x = LABEL_WIDTH + ((longest.start + longest.end) / 2 / model.durationNs) * (box.width - LABEL_WIDTH);
    const rows = await labels(page);
    const groupRow = rows.indexOf(`▸ ${group.name} (${group.count})`);
    const ran = model.groups.filter((g) => g.exec > 0).length;
    assert.deepEqual(rows.slice(groupRow, groupRow + ran), model.groups.filter((g) => g.exec > 0).map((g) => `▸ ${g.name || '(unknown)'} (${g.count})`), 'one row per start function that ran, in the analysis order');
    assert.equal(box.height, rows.length * ROW_HEIGHT);
    await page.mouse.click(box.x + x, box.y + groupRow * ROW_HEIGHT + ROW_HEIGHT / 2);
    const text = (await page.textContent('.trace-details')) ?? '';
    const m = /^G(\d+) (\S+) ran on P\d+/.exec(text);
    assert.ok(m, text);
    assert.equal(m[2], group.name);
    assert.ok(ids.has(Number(m[1])));
  });

  test('+ zooms in around the middle, 0 resets', async () => {
    const { page } = fixture;
    await page.focus('canvas.trace-timeline');
    await page.keyboard.press('+');
    const zoomed = await page.evaluate(() => ({ ...(globalThis as unknown as PageGlobals).traceTimeline }));
    assert.ok(Math.abs(zoomed.end - zoomed.start - model.durationNs / 2) < 2, `half the span: ${zoomed.end - zoomed.start}`);
    await page.keyboard.press('0');
    const reset = await page.evaluate(() => ({ ...(globalThis as unknown as PageGlobals).traceTimeline }));
    assert.deepEqual([reset.start, reset.end], [0, model.durationNs]);
  });

  test('goroutine analysis: one row per start function, sorted by the clicked column; a group lists its goroutines', async () => {
    const { page } = fixture;
    const firstCells = async (): Promise<string[]> => page.$$eval('.trace-analysis > table tbody tr td:first-child', (tds) => tds.map((td) => td.textContent ?? ''));
    const byExec = await firstCells();
    assert.equal(byExec.length, model.groups.length);
    assert.equal(byExec[0], 'main.locks.func1');
    await page.click('.trace-analysis > table th[data-key="syncBlock"]');
    const bySync = await firstCells();
    const maxSync = [...model.groups].sort((a, b) => b.syncBlock - a.syncBlock)[0]!;
    assert.equal(bySync[0], maxSync.name);
    await page.click('.trace-analysis > table tbody tr:first-child');
    const members = await page.$$eval('.trace-group-detail tbody tr', (trs) => trs.length);
    assert.equal(members, maxSync.count);
  });

  test('a trace that cannot be read shows the one-line message, as text', async () => {
    const { page, server } = fixture;
    await page.goto(server.url);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).posted.some((m) => m.kind === 'ready'));
    const message = 'x.trace: trace written by Go 1.21: only the format of Go 1.22 and later is supported <b>';
    await page.evaluate((m) => (globalThis as unknown as { postMessage(data: unknown, origin: string): void }).postMessage({ kind: 'error', message: m }, '*'), message);
    await page.waitForSelector('.trace-error');
    assert.equal(await page.textContent('.trace-error'), message);
    assert.equal(await page.$$eval('b', (b) => b.length), 0);
  });

  test('strings from the trace stay text: names, reasons, log messages', async () => {
    const { page, server, seen } = fixture;
    const evil = '<img src=x onerror="globalThis.pwned=1">';
    const hostile: TraceViewModel = {
      ...model,
      fileName: evil,
      frames: model.frames.map((f) => ({ ...f, func: evil + f.func })),
      reasons: model.reasons.map((r) => evil + r),
      groups: model.groups.map((g) => ({ ...g, name: evil + g.name })),
      tasks: model.tasks.map((t) => ({ ...t, name: evil })),
      logs: model.logs.map((l) => ({ ...l, category: evil, message: evil })),
    };
    await load(page, server.url, hostile);
    await page.click('.trace-analysis > table tbody tr:first-child');
    assert.equal(await page.$$eval('img', (imgs) => imgs.length), 0);
    assert.ok(((await page.textContent('.trace-summary')) ?? '').startsWith(evil));
    assert.ok(((await page.textContent('.trace-annotations')) ?? '').includes(evil));
    assert.equal(await page.evaluate(() => (globalThis as unknown as { pwned?: number }).pwned), undefined);
    assert.deepEqual(seen.errors, []);
    assert.deepEqual(seen.dialogs, []);
  });
});
