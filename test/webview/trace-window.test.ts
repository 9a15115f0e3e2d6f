/**
 * The Go Trace webview on a large trace's path (level of detail): it gets a first window, asks
 * for the window it shows as it zooms (a checked request) and paints the answer; the answers
 * here are computed by windowOf on the whole model of a real trace, as the worker does.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { parseTraceViewMessage, type TraceViewModel } from '../../src/shared/trace-view';
import { windowOf } from '../../src/shared/trace-window';
import { readTrace } from '../../src/trace/read';
import { traceViewModel } from '../../src/trace/trace-view-model';
import { bundlePage, repoRoot } from './harness';
import { usePage } from './page-fixture';

const FILE = join(repoRoot, 'test', 'fixtures', 'traces', 'tracer-go1.26.trace');

interface Globals {
  posted: unknown[];
  traceTimeline: { paints: number; start: number; end: number; shown(): { slices: { count: number } } };
}

describe('Go Trace webview with windows of a large trace (Chromium)', () => {
  const fixture = usePage({ bundle: () => bundlePage(join(repoRoot, 'test/webview/page/trace-page.ts')) });
  let full: TraceViewModel;

  before(() => {
    full = traceViewModel(readTrace(new Uint8Array(readFileSync(FILE)), FILE), 'tracer-go1.26.trace');
  });

  test('zooming in asks for the visible window; its answer is painted, with more detail', async () => {
    const { page, server, seen } = fixture;
    const first = windowOf(full, { seq: 0, start: 0, end: full.durationNs, pixels: 100, goroutines: [] });
    const model: TraceViewModel = { ...full, complete: false, slices: first.slices, procs: first.procs, threads: first.threads, groupRows: first.groupRows };
    await page.goto(server.url);
    await page.waitForFunction(() => (globalThis as unknown as Globals).posted.some((m) => (m as { kind: string }).kind === 'ready'));
    await page.evaluate((m) => (globalThis as unknown as { postMessage(data: unknown, origin: string): void }).postMessage({ kind: 'trace', model: m }, '*'), model);
    await page.waitForFunction(() => ((globalThis as unknown as Partial<Globals>).traceTimeline?.paints ?? 0) > 0);
    const posted = async (): Promise<unknown[]> => page.evaluate(() => (globalThis as unknown as Globals).posted);
    assert.ok(!(await posted()).some((m) => (m as { kind: string }).kind === 'window'), 'the first window covers the first view: nothing asked');
    await page.focus('canvas.trace-timeline');
    for (let i = 0; i < 4; i++) await page.keyboard.press('+');
    await page.waitForFunction(() => (globalThis as unknown as Globals).posted.some((m) => (m as { kind: string }).kind === 'window'));
    const asked = parseTraceViewMessage((await posted()).find((m) => (m as { kind: string }).kind === 'window'));
    assert.ok(asked?.kind === 'window', 'a valid window request');
    const view = await page.evaluate(() => ({ start: (globalThis as unknown as Globals).traceTimeline.start, end: (globalThis as unknown as Globals).traceTimeline.end }));
    assert.ok(asked.request.start <= view.start && asked.request.end >= view.end, 'the request covers the view');
    const answer = windowOf(full, asked.request);
    await page.evaluate((w) => (globalThis as unknown as { postMessage(data: unknown, origin: string): void }).postMessage({ kind: 'window', window: w }, '*'), answer);
    await page.waitForFunction((n) => (globalThis as unknown as Globals).traceTimeline.shown().slices.count === n, answer.slices.count);
    assert.notEqual(answer.slices.count, first.slices.count);
    assert.deepEqual(seen.errors, []);
  });
});
