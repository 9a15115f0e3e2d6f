/**
 * The virtualised tables at scale, in Chromium: a real pprof file with 100,000 functions.
 * Every row is reachable by scrolling, only the rows in view are in the DOM, and the time
 * each scroll step takes to render is measured and reported (not asserted).
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { encodeWithProtobufjs } from '../support/protobuf-reference';
import { useEditorPage } from './page-fixture';
import { EditorHost } from './editor-driver';

const FUNCTIONS = 100_000;

/** Samples main.caller -> pkg.fN with value N+1 (so the top order is fN..f0). */
function writeWideProfile(path: string): void {
  const strings = ['', 'cpu', 'nanoseconds', 'main.caller', 'main.go', 'pkg/wide.go'];
  const fn = [{ id: 1, name: 3, systemName: 3, filename: 4, startLine: 1 }];
  const location = [{ id: 1, line: [{ functionId: 1, line: 2 }] }];
  const sample = [];
  for (let i = 0; i < FUNCTIONS; i++) {
    strings.push(`pkg.f${i}`);
    const id = i + 2;
    fn.push({ id, name: strings.length - 1, systemName: strings.length - 1, filename: 5, startLine: i + 1 });
    location.push({ id, line: [{ functionId: id, line: i + 2 }] });
    sample.push({ locationId: [id, 1], value: [i + 1], label: [] });
  }
  const bytes = encodeWithProtobufjs({
    sampleType: [{ type: 1, unit: 2 }],
    periodType: { type: 1, unit: 2 },
    period: 1,
    sample,
    location: location as never,
    function: fn,
    stringTable: strings,
  });
  writeFileSync(path, gzipSync(bytes));
}

interface ScrollGlobals {
  readonly document: { querySelector(s: string): { scrollTop: number; scrollHeight: number; clientHeight: number } | null };
  readonly performance: { now(): number };
  requestAnimationFrame(f: () => void): void;
}

describe('virtualised tables with 100,000 rows in Chromium', () => {
  const editor = useEditorPage();

  before(async () => {
    const { scratch } = editor;
    writeWideProfile(join(scratch, 'wide.pb.gz'));
  });

  test('top: 100,001 rows listed, a few dozen in the DOM, every scroll step rendered and timed', async () => {
    const { page, scratch } = editor;
    await editor.open(new EditorHost(join(scratch, 'wide.pb.gz')), 'top');
    await page.waitForSelector('[data-testid="top-row"]');
    assert.match((await page.textContent('[data-testid="top-caption"]')) ?? '', /^100001 rows/);
    const steps = await page.evaluate(async () => {
      const g = globalThis as unknown as ScrollGlobals;
      const box = g.document.querySelector('.view-top .vscroll')!;
      const times: number[] = [];
      for (let i = 0; i <= 60; i++) {
        const started = g.performance.now();
        box.scrollTop = ((box.scrollHeight - box.clientHeight) * i) / 60;
        await new Promise<void>((done) => g.requestAnimationFrame(() => g.requestAnimationFrame(done)));
        times.push(g.performance.now() - started);
      }
      return times;
    });
    const rendered = await page.$$eval('[data-testid="top-row"]', (trs) => trs.length);
    assert.ok(rendered > 0 && rendered < 200, `${rendered} rows in the DOM`);
    // At the bottom, in pprof's order: the smallest function, f0, then main.caller (flat 0).
    const names = await page.$$eval('[data-testid="top-row"] td[data-col="name"]', (tds) => tds.map((td) => td.textContent));
    assert.deepEqual(names.slice(-2), ['pkg.f0', 'main.caller']);
    const sorted = [...steps].sort((a, b) => a - b);
    console.log(`# 100k rows: scroll step (two frames) median ${sorted[30]!.toFixed(1)} ms, p95 ${sorted[57]!.toFixed(1)} ms, ${rendered} rows in the DOM`);

    await page.click('th[data-col="name"]');
    await page.$eval('.view-top .vscroll', (el) => (el.scrollTop = 0));
    await page.waitForSelector('[data-testid="top-row"] td[data-col="name"]:text-is("main.caller")');
  });

  test('tree: 100,000 children under one node expand and scroll', async () => {
    const { page, session, seen } = editor;
    await page.click('[data-testid="tab-tree"]');
    await session.idle();
    const expanded = await page.getAttribute('[data-testid="tree-row"]:first-child', 'aria-expanded');
    assert.equal(expanded, 'true');
    await page.click('[data-testid="collapse-all"]');
    await page.click('[data-testid="tree-row"]:first-child [data-testid="tree-twisty"]');
    const ms = Number(await page.getAttribute('.tree-body', 'data-last-expand-ms'));
    console.log(`# 100k rows: expanding a node with 100,000 children took ${ms.toFixed(1)} ms`);
    const rendered = await page.$$eval('[data-testid="tree-row"]', (trs) => trs.length);
    assert.ok(rendered < 200, `${rendered} tree rows in the DOM`);
    assert.deepEqual(seen.errors, []);
  });
});
