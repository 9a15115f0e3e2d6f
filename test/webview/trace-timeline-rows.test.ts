/**
 * The Go Trace timeline's rows in Chromium with the view model of a real Go 1.26 trace (the
 * committed fixture): thread, syscall, start-function, task, region and log rows are there
 * and painted; a start function's label shows and hides its goroutines' state rows; a click on
 * a run that another goroutine unblocked says who, where and with which stack, draws the arrow
 * from the unblocker's P row, and shows the goroutine's own timeline; a goroutine picked in the
 * goroutine analysis shows its own timeline too.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { READY_UNBLOCKED, REGION_FIELDS, SYSCALL_FIELDS, TIMELINE_LABEL_WIDTH as LABEL_WIDTH, TIMELINE_ROW_HEIGHT as ROW_HEIGHT, sliceAt, type TraceSlice, type TraceViewModel } from '../../src/shared/trace-view';
import { readTrace } from '../../src/trace/read';
import { traceViewModel } from '../../src/trace/trace-view-model';
import { bundlePage, repoRoot } from './harness';
import { usePage } from './page-fixture';

const FILE = join(repoRoot, 'test', 'fixtures', 'traces', 'tracer-go1.26.trace');

interface Timeline {
  paints: number;
  rowLabels(): string[];
  arrow?: { fromRow: number; fromX: number; toRow: number; toX: number };
  selectedGoroutine?: number;
}
const timelineOf = (page: Page): Promise<Timeline> =>
  page.evaluate(() => {
    const t = (globalThis as unknown as { traceTimeline: Timeline }).traceTimeline;
    return { paints: t.paints, rowLabels: undefined as never, labels: t.rowLabels(), arrow: t.arrow, selectedGoroutine: t.selectedGoroutine };
  }) as unknown as Promise<Timeline>;
const labels = async (page: Page): Promise<string[]> => (await timelineOf(page) as unknown as { labels: string[] }).labels;

/** Painted (non-transparent) pixels in a row's plot area. */
async function paintedPixels(page: Page, row: number): Promise<number> {
  return page.$eval(
    'canvas.trace-timeline',
    (element, { row, h, left }) => {
      const canvas = element as unknown as { width: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } };
      const r = (globalThis as unknown as { devicePixelRatio?: number }).devicePixelRatio || 1;
      const data = canvas.getContext('2d').getImageData(Math.ceil(left * r), Math.ceil(row * h * r), Math.floor(canvas.width - left * r), Math.floor(h * r)).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return n;
    },
    { row, h: ROW_HEIGHT, left: LABEL_WIDTH },
  );
}

async function waitForPaint(page: Page, after: number): Promise<void> {
  await page.waitForFunction((n) => (globalThis as unknown as { traceTimeline: Timeline }).traceTimeline.paints > n, after);
}

describe('Go Trace timeline rows (Chromium)', () => {
  const fixture = usePage({ bundle: () => bundlePage(join(repoRoot, 'test/webview/page/trace-page.ts')) });
  let model: TraceViewModel;

  before(async () => {
    model = traceViewModel(readTrace(new Uint8Array(readFileSync(FILE)), FILE), 'tracer-go1.26.trace');
    const { page, server } = fixture;
    await page.goto(server.url);
    await page.waitForFunction(() => (globalThis as unknown as { posted: { kind: string }[] }).posted.some((m) => m.kind === 'ready'));
    await page.evaluate((m) => (globalThis as unknown as { postMessage(data: unknown, origin: string): void }).postMessage({ kind: 'trace', model: m }, '*'), model);
    await page.waitForFunction(() => ((globalThis as unknown as { traceTimeline?: Timeline }).traceTimeline?.paints ?? 0) > 0);
  });

  test('threads, syscalls per thread, start functions, tasks, regions per goroutine and logs have rows, each painted', async () => {
    const { page } = fixture;
    const rows = await labels(page);
    const threads = model.threads.map((m) => `M${m.id}`);
    const syscallThreads = [...new Set(Array.from({ length: model.syscalls.length / SYSCALL_FIELDS }, (_, i) => model.syscalls[i * SYSCALL_FIELDS + 3]!))].sort((a, b) => a - b);
    const regionGoroutines = [...new Set(Array.from({ length: model.regions.length / REGION_FIELDS }, (_, i) => model.regions[i * REGION_FIELDS + 2]!))].sort((a, b) => a - b);
    assert.ok(threads.length >= 2 && syscallThreads.length >= 1 && regionGoroutines.length === 2, `${threads} / ${syscallThreads} / ${regionGoroutines}`);
    const want = [
      'GC',
      'STW',
      'Heap',
      ...model.procs.map((p) => `P${p.id}`),
      ...threads,
      ...syscallThreads.map((m) => `M${m} syscalls`),
      ...model.groupRows.map((r) => `▸ ${model.groups[r.id]!.name || '(unknown)'} (${model.groups[r.id]!.count})`),
      'Tasks',
      ...regionGoroutines.map((g) => `G${g} regions`),
      'Logs',
    ];
    assert.deepEqual(rows, want);
    for (const label of [...threads, `M${syscallThreads[0]} syscalls`, 'Tasks', `G${regionGoroutines[0]} regions`, 'Logs']) {
      assert.ok((await paintedPixels(page, rows.indexOf(label))) > 0, `${label} is painted`);
    }
  });

  test("a start function's label shows its goroutines' state rows, and hides them again", async () => {
    const { page } = fixture;
    const group = model.groups.findIndex((g) => g.name === 'main.locks.func1');
    const name = model.groups[group]!;
    const members = model.goroutines.filter((g) => g.name === name.name).map((g) => `  G${g.id}`);
    const before = await labels(page);
    const row = before.indexOf(`▸ ${name.name} (${name.count})`);
    const box = (await (await page.$('canvas.trace-timeline'))!.boundingBox())!;
    await page.mouse.click(box.x + 20, box.y + row * ROW_HEIGHT + ROW_HEIGHT / 2);
    const open = await labels(page);
    assert.deepEqual(open.slice(row, row + 1 + members.length), [`▾ ${name.name} (${name.count})`, ...members]);
    const paints = (await timelineOf(page)).paints;
    await waitForPaint(page, paints - 1);
    for (let i = 1; i <= members.length; i++) assert.ok((await paintedPixels(page, row + i)) > 0, `${members[i - 1]} is painted`);
    await page.mouse.click(box.x + 20, box.y + row * ROW_HEIGHT + ROW_HEIGHT / 2);
    assert.deepEqual(await labels(page), before);
  });

  test('a run another goroutine unblocked: who, on which P, its stack, the arrow from its P row, and the goroutine\'s own timeline', async () => {
    const { page } = fixture;
    // The longest run on P0 that a goroutine unblocked, with that goroutine's stack.
    let best: TraceSlice | undefined;
    for (const i of model.procs[0]!.slices) {
      const s = sliceAt(model.slices, i);
      if (s.readyKind !== READY_UNBLOCKED || s.unblocker < 0 || s.unblockerProc < 0 || model.stacks[s.unblockStack]!.length === 0) continue;
      if (best === undefined || s.end - s.start > best.end - best.start) best = s;
    }
    assert.ok(best, 'a run unblocked by a goroutine');
    const box = (await (await page.$('canvas.trace-timeline'))!.boundingBox())!;
    const width = box.width - LABEL_WIDTH;
    const x = LABEL_WIDTH + ((best.start + best.end) / 2 / model.durationNs) * width;
    await page.mouse.click(box.x + x, box.y + 3 * ROW_HEIGHT + ROW_HEIGHT / 2);
    const cause = (await page.textContent('.trace-cause')) ?? '';
    assert.ok(cause.includes(`by G${best.unblocker} `) && cause.includes(` on P${best.unblockerProc}, at:`), cause);
    assert.ok(cause.includes(`after waiting (${model.reasons[best.waitReason]})`), cause);
    const unblockFrames = await page.$$eval('.trace-unblock-stack button', (b) => b.map((x) => x.textContent ?? ''));
    assert.deepEqual(unblockFrames, model.stacks[best.unblockStack]!.map((f) => `${model.frames[f]!.func} ${model.frames[f]!.file}:${model.frames[f]!.line}`));
    await page.click('.trace-unblock-stack button');
    const posted = await page.evaluate(() => (globalThis as unknown as { posted: unknown[] }).posted.at(-1));
    assert.deepEqual(posted, { kind: 'openSource', frame: model.stacks[best.unblockStack]![0] });
    const t = await timelineOf(page);
    const rows = await labels(page);
    assert.equal(rows[3], `G${best.goroutine} states`, "the goroutine's own timeline under the heap");
    assert.ok(t.arrow, 'an arrow is drawn');
    assert.equal(t.arrow.fromRow, rows.indexOf(`P${best.unblockerProc}`));
    assert.equal(t.arrow.toRow, rows.indexOf('P0'));
    // The plot's width inside the canvas' border.
    const plot = (await page.$eval('canvas.trace-timeline', (c) => c.clientWidth)) - LABEL_WIDTH;
    assert.ok(Math.abs(t.arrow.fromX - (LABEL_WIDTH + (best.ready / model.durationNs) * plot)) < 0.01, 'from when it was made runnable');
    assert.ok(Math.abs(t.arrow.toX - (LABEL_WIDTH + (best.start / model.durationNs) * plot)) < 0.01, 'to when it ran');
    assert.ok((await paintedPixels(page, 3)) > 0, "the goroutine's own timeline is painted");
  });

  test('a goroutine picked in the goroutine analysis gets its own timeline row', async () => {
    const { page } = fixture;
    const group = model.groups.find((g) => g.name === 'main.locks.func1')!;
    const rowIndex = [...model.groups].sort((a, b) => b.exec - a.exec || a.name.localeCompare(b.name)).indexOf(group);
    await page.click(`.trace-analysis > table tbody tr:nth-child(${rowIndex + 1})`);
    const first = (await page.textContent('.trace-group-detail tbody tr:first-child td:first-child')) ?? '';
    await page.click('.trace-group-detail tbody tr:first-child');
    assert.match(first, /^G\d+$/);
    assert.equal((await labels(page))[3], `${first} states`);
    assert.equal((await timelineOf(page)).selectedGoroutine, Number(first.slice(1)));
    assert.deepEqual(fixture.seen.errors, []);
  });
});
