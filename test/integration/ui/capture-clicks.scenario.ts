// Capture rows of the Sessions view clicked as an impatient user does: several in quick
// succession right after another capture opened, while CPU is recording, and twice on a
// capture that is still running. Every click must end in its own saved and opened profile
// (issue 13: 2 clicks of ~20 did nothing), and a running capture's row must look busy.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';

/** The rows of the Sessions view. */
export function sessionsRows(page: Page): Locator {
  return page.locator('.pane', { has: page.locator('.pane-header', { hasText: /sessions/i }) }).locator('.monaco-list-row');
}

/** A row of the Sessions view whose label contains `label`. */
export function sessionsRow(page: Page, label: string): Locator {
  return sessionsRows(page)
    .filter({ has: page.locator('.label-name', { hasText: label }) })
    .first();
}

/** A capture row by its kind's label ("Heap" is not "Heap (no GC)"), idle or busy. */
function captureRow(page: Page, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return sessionsRows(page)
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^(Capture|Recording) ${escaped}…?$`) }) })
    .first();
}

/** Editor tabs whose file name starts with `<program>-<kind>-<timestamp>`. */
async function countTabs(page: Page, program: string, kind: string): Promise<number> {
  const names = await page.locator('.tabs-container .tab .label-name').allTextContents();
  const pattern = new RegExp(`^${program}-${kind}-\\d{8}T\\d{6}Z`);
  return names.filter((n) => pattern.test(n.trim())).length;
}

/** Waits until `want` tabs of each kind are open; fails with what is open instead. */
async function waitForTabs(page: Page, program: string, want: Readonly<Record<string, number>>, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  let got: Record<string, number> = {};
  for (;;) {
    got = {};
    for (const kind of Object.keys(want)) got[kind] = await countTabs(page, program, kind);
    if (Object.keys(want).every((k) => got[k] === want[k])) return;
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.deepEqual(got, want, 'profile tabs opened by the clicks (every click must save and open one)');
}

type Step = (title: string, body: () => Promise<void>) => Promise<void>;

/** The steps, for a session of `program` that runs and shows its rows in the Sessions view. */
export async function captureClickSteps(page: Page, program: string, step: Step): Promise<void> {
  await step('quick clicks on capture rows right after a capture opened, CPU recording: each saves and opens its profile', async () => {
    const before = { heap: await countTabs(page, program, 'heap'), goroutine: await countTabs(page, program, 'goroutine'), allocs: await countTabs(page, program, 'allocs') };
    await sessionsRow(page, 'Start CPU Recording').click();
    await sessionsRow(page, 'Stop CPU Recording').waitFor({ state: 'visible', timeout: 30_000 });
    await captureRow(page, 'Heap').click();
    await waitForTabs(page, program, { ...before, heap: before.heap + 1 }, 60_000);
    // Right after that capture opened, one click after the other, repeats included.
    const clicks = ['Goroutines', 'Allocs', 'Heap', 'Goroutines', 'Heap', 'Allocs', 'Heap'];
    for (const label of clicks) await captureRow(page, label).click();
    const want = { heap: before.heap + 4, goroutine: before.goroutine + 2, allocs: before.allocs + 2 };
    await waitForTabs(page, program, want, 120_000);
    await sessionsRow(page, 'Stop CPU Recording').click();
    await sessionsRow(page, 'Start CPU Recording').waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator('.statusbar-item', { hasText: 'Recording CPU' }).first().waitFor({ state: 'hidden', timeout: 30_000 });
  });

  await step('a running Block capture shows a spinner on its row; a second click queues behind it and both are saved', async () => {
    const before = await countTabs(page, program, 'block');
    await captureRow(page, 'Block').click();
    const busy = sessionsRows(page).filter({ has: page.locator('.label-name', { hasText: /^Recording Block…$/ }) }).first();
    await busy.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await busy.locator('.codicon-loading').count(), 1, 'the busy Block row shows the spinner icon');
    await busy.click();
    await busy.locator('.label-description', { hasText: '1 more queued' }).waitFor({ state: 'visible', timeout: 10_000 });
    await waitForTabs(page, program, { block: before + 2 }, 120_000);
    await captureRow(page, 'Block').locator('.codicon-debug-pause').waitFor({ state: 'visible', timeout: 10_000 });
  });
}
