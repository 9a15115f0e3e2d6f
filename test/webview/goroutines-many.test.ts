/**
 * The Goroutines tab on a real 20,001-goroutine capture (a Go program with thousands of
 * distinct stacks): every group is reachable by scrolling and by filter, the group and
 * goroutine counts are `go tool pprof -traces`'s, grouping by state counts the dump's own
 * headers, and compared with the base capture the leaking group comes first with its growth.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { goPprofRaw } from '../support/go-pprof';
import { captureManyGoroutines, LEAK_AFTER, LEAK_BEFORE, MANY_FUNCTIONS, type ManyGoroutinesCapture } from '../support/many-goroutines-program';
import { parsePprofTraces, type PprofTrace } from '../support/pprof-traces';
import { useEditorPage } from './page-fixture';
import { EditorHost } from './editor-driver';

interface Row {
  readonly count: number;
  readonly delta: string;
  readonly label: string;
}

/** The group rows rendered now, in order. */
function groupRows(page: Page): Promise<Row[]> {
  return page.$$eval('[data-testid="goroutine-group"]', (rows) =>
    rows.map((r) => ({
      count: Number(r.querySelector('[data-testid="goroutine-count"]')?.textContent),
      delta: r.querySelector('[data-testid="goroutine-delta"]')?.textContent ?? '',
      label: r.querySelector('.gr-top')?.textContent ?? '',
    })),
  );
}

/** Goroutines in the traces that pass through `fn`. */
function countThrough(traces: readonly PprofTrace[], fn: string): number {
  return traces.filter((t) => t.frames.includes(fn)).reduce((n, t) => n + t.value, 0);
}

async function filterGroups(page: Page, pattern: string, groups: number): Promise<void> {
  await page.fill('[data-testid="goroutines-filter"]', pattern);
  await page.waitForFunction((n) => (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<unknown> } }).document.querySelectorAll('[data-testid="goroutine-group"]').length === n, groups);
}

function escapeRegexp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('goroutines tab: 20,001 goroutines', () => {
  const editor = useEditorPage();
  let capture: ManyGoroutinesCapture;
  let traces: PprofTrace[];

  before(async () => {
    capture = await captureManyGoroutines(editor.scratch);
    traces = parsePprofTraces(await goPprofRaw(capture.profile, ['-traces']));
  });

  test('every group is reachable by scrolling and by filter; counts are pprof -traces', async () => {
    const { page, seen } = editor;
    await editor.open(EditorHost.withGoroutineDump(capture.profile, capture.dump), 'goroutines');
    await page.waitForSelector('[data-testid="goroutine-group"]');
    const total = traces.reduce((n, t) => n + t.value, 0);
    assert.equal(total, 20_001, 'the program runs 20,001 goroutines');
    assert.ok(traces.length > 10_000, `${traces.length} distinct stacks`);
    const caption = (await page.textContent('[data-testid="goroutines-caption"]')) ?? '';
    assert.match(caption, new RegExp(`^${total} of ${total} goroutines in ${traces.length} groups, from the debug=2 dump`));

    const first = (await groupRows(page))[0]!;
    assert.deepEqual([first.label, first.count], ['main.leak', countThrough(traces, 'main.leak')]);

    // Scroll to the end: the last group is drawn, and nothing is below it.
    await page.$eval('[data-testid="goroutines-table"]', (t) => {
      const box = t.parentElement!;
      box.scrollTop = box.scrollHeight;
    });
    await page.waitForFunction(() => {
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ style: { height: string } }> } }).document;
      const pads = doc.querySelectorAll('[data-testid="goroutines-table"] tbody.pad tr');
      return pads[1]?.style.height === '0px';
    });
    const last = (await groupRows(page)).at(-1)!;
    assert.equal(last.count, 1, 'the smallest groups are last');
    const dump = readFileSync(capture.dump, 'utf8');
    assert.ok(dump.includes(`\n${last.label}(`), `${last.label} is a frame of the dump`);

    // The same group by filter, from the top.
    await filterGroups(page, `^${escapeRegexp(last.label)}$`, 1);
    assert.deepEqual(await groupRows(page), [last]);
    // And the last generated function's groups, with pprof's counts.
    const fn = `main.g${MANY_FUNCTIONS - 1}`;
    const fnTraces = traces.filter((t) => t.frames.includes(fn));
    await filterGroups(page, `^${escapeRegexp(fn)}$`, fnTraces.length);
    assert.deepEqual(
      (await groupRows(page)).map((r) => [r.label, r.count]).sort(),
      fnTraces.map((t) => [fn, t.value]).sort(),
    );
    await page.fill('[data-testid="goroutines-filter"]', '');
    assert.deepEqual(seen.errors, []);
  });

  test('grouped by state: the largest state first, with the dump headers’ count', async () => {
    const { page } = editor;
    await editor.open(EditorHost.withGoroutineDump(capture.profile, capture.dump), 'goroutines');
    await page.waitForSelector('[data-testid="goroutine-group"]');
    await page.selectOption('[data-testid="goroutines-grouping"]', 'state');
    await page.waitForSelector('[data-testid="goroutine-bucket"]');
    const headers = new Map<string, number>();
    for (const m of readFileSync(capture.dump, 'utf8').matchAll(/^goroutine \d+ \[([^,\]]+)/gm)) headers.set(m[1]!, (headers.get(m[1]!) ?? 0) + 1);
    const [state, count] = [...headers].sort((a, b) => b[1] - a[1])[0]!;
    const bucket = (await page.textContent('[data-testid="goroutine-bucket"]')) ?? '';
    assert.match(bucket, new RegExp(`^${state} — ${count} goroutines in \\d+ groups$`));
  });

  test('compared with the base capture: the leak comes first with its growth', async () => {
    const { page } = editor;
    const host = EditorHost.withGoroutineDump(capture.profile, capture.dump);
    host.baseFile = capture.base;
    await editor.open(host, 'goroutines');
    await page.waitForSelector('[data-testid="goroutine-group"]');
    await page.click('[data-testid="compare-with"]');
    await page.waitForSelector('[data-testid="goroutine-delta"]');
    const baseTraces = parsePprofTraces(await goPprofRaw(capture.base, ['-traces']));
    const [before, after] = [countThrough(baseTraces, 'main.leak'), countThrough(traces, 'main.leak')];
    assert.deepEqual([before, after], [LEAK_BEFORE, LEAK_AFTER], 'the program leaks as written');
    const rows = await groupRows(page);
    assert.deepEqual(rows[0], { label: 'main.leak', count: after, delta: `+${after - before}` });
    assert.equal(await page.inputValue('[data-testid="goroutines-sort"]'), 'growth');
    const baseTotal = baseTraces.reduce((n, t) => n + t.value, 0);
    assert.match((await page.textContent('[data-testid="goroutines-caption"]')) ?? '', new RegExp(`base \\S+: ${baseTotal} goroutines \\(\\+${20_001 - baseTotal}\\)`));
  });
});
