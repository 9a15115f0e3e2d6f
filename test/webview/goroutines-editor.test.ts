/**
 * The Goroutines tab in real Chromium: groups from a goroutine profile's samples against
 * `go tool pprof -traces`, and from the debug=2 dump a real Go program wrote beside its profile.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { goPprofRaw } from '../support/go-pprof';
import { ensureGoFixtures } from '../support/go-fixtures';
import { captureGoroutines, type GoroutineCapture } from '../support/goroutine-dump-program';
import { parsePprofTraces } from '../support/pprof-traces';
import { ensureResultsDir, repoRoot } from './harness';
import { useEditorPage } from './page-fixture';
import { EditorHost } from './editor-driver';

interface ShownGroup {
  readonly count: number;
  readonly state: string;
  readonly wait: string;
  readonly frames: string[];
  readonly created: string;
}

/** The group rows of the goroutines table, each with the frame rows under it. */
async function shownGroups(page: Page): Promise<ShownGroup[]> {
  return page.$$eval('[data-testid="goroutines-table"] tbody tr', (rows) => {
    const out: { count: number; state: string; wait: string; frames: string[]; created: string }[] = [];
    for (const r of rows) {
      const fn = r.querySelector('.gr-fn')?.textContent ?? '';
      if (r.getAttribute('data-testid') === 'goroutine-group') {
        out.push({
          count: Number(r.querySelector('[data-testid="goroutine-count"]')?.textContent),
          state: r.querySelector('.gr-state')?.textContent ?? '',
          wait: r.querySelector('.gr-wait')?.textContent ?? '',
          frames: [],
          created: '',
        });
      } else if (r.classList.contains('gr-frames')) out.at(-1)?.frames.push(fn);
      else if (r.classList.contains('gr-created') && out.length > 0) out[out.length - 1]!.created = fn;
    }
    return out;
  });
}

describe('goroutines tab', () => {
  const editor = useEditorPage();
  let capture: GoroutineCapture;

  before(async () => {
    capture = await captureGoroutines(editor.scratch);
  });

  test('from the profile samples: groups and counts as go tool pprof -traces', async () => {
    const { page } = editor;
    const { goroutine } = await ensureGoFixtures();
    await editor.open(new EditorHost(goroutine), 'goroutines');
    await page.waitForSelector('[data-testid="goroutine-group"]');
    const traces = parsePprofTraces(await goPprofRaw(goroutine, ['-traces']));
    const want = new Map<string, number>();
    for (const t of traces) want.set(t.frames.join('\n'), (want.get(t.frames.join('\n')) ?? 0) + t.value);
    const shown = await shownGroups(page);
    const got = new Map(shown.map((g) => [g.frames.join('\n'), g.count]));
    assert.deepEqual(got, want);
    const counts = shown.map((g) => g.count);
    assert.deepEqual(counts, [...counts].sort((a, b) => b - a), 'largest groups first');
    assert.ok(counts.includes(7) && counts.includes(5) && counts.includes(3));
    assert.equal(await page.locator('[data-testid="tab-goroutines"]').isVisible(), true);
  });

  test('from the debug=2 dump: ids, states, creators; search; a frame opens its source', async () => {
    const { page, session, seen } = editor;
    const host = EditorHost.withGoroutineDump(capture.profile, capture.dump);
    await editor.open(host, 'goroutines');
    await page.waitForSelector('[data-testid="goroutine-group"]');
    const shown = await shownGroups(page);
    const mainFn = (g: ShownGroup): string | undefined => g.frames.find((f) => /^main\.[a-zA-Z]+$/.test(f));
    assert.deepEqual(
      shown.map((g) => [g.count, mainFn(g), g.state]),
      [
        [7, 'main.waitInSelect', 'select'],
        [5, 'main.waitOnMutex', 'sync.Mutex.Lock'],
        [3, 'main.waitOnChannel', 'chan receive'],
        [2, 'main.sleeper', 'sleep'],
        [1, 'main.write', 'running'],
      ],
    );
    assert.equal(shown[2]!.created, 'created by main.main.func1');
    // The same counts as pprof -traces on the profile written at the same moment.
    const traces = parsePprofTraces(await goPprofRaw(capture.profile, ['-traces']));
    for (const g of shown.slice(0, 4)) {
      const fn = mainFn(g)!;
      assert.equal(g.count, traces.filter((t) => t.frames.includes(fn)).reduce((n, t) => n + t.value, 0), fn);
    }
    assert.match((await page.textContent('[data-testid="goroutines-caption"]')) ?? '', /^18 of 18 goroutines in 5 groups, from the debug=2 dump/);

    await page.fill('[data-testid="goroutines-filter"]', 'waitOnMutex');
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<unknown> } }).document.querySelectorAll('[data-testid="goroutine-group"]').length === 1);
    await page.fill('[data-testid="goroutines-filter"]', '');

    const dumpLine = /^main\.waitOnChannel\(.*\)\n\t(\S+):(\d+) /m.exec(readFileSync(capture.dump, 'utf8'));
    assert.ok(dumpLine);
    await page.locator('.gr-frame', { hasText: 'main.waitOnChannel' }).first().click();
    assert.deepEqual(host.last('openSource'), { kind: 'openSource', file: dumpLine[1], line: Number(dumpLine[2]) });
    await page.screenshot({ path: join(ensureResultsDir(), 'goroutines-dump.png') });
    assert.deepEqual(seen.dialogs, []);
    assert.deepEqual(await session.cspViolations(), []);
  });

  test('the tab is hidden for other profiles', async () => {
    const { page } = editor;
    await editor.open(new EditorHost(join(repoRoot, 'test/fixtures/profiles/large.cpu.pb.gz')), 'goroutines');
    assert.equal(await page.locator('[data-testid="tab-goroutines"]').isVisible(), false);
    assert.equal(await page.locator('[data-testid="tab-flame"]').isVisible(), true);
  });
});
