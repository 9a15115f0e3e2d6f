// Capture rows of the Sessions view clicked as an impatient user does: several in quick
// succession right after another capture opened, while CPU is recording, and twice on a
// capture that is still running. Every click must end in its own saved and opened profile
// (issue 13: 2 clicks of ~20 did nothing), and a running capture's row must look busy.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** Saved captures of `kind` in `folder`: files named `<program>-<kind>-<timestamp>.pb.gz`. */
function countSaved(folder: string, program: string, kind: string): number {
  const pattern = new RegExp(`^${program}-${kind}-\\d{8}T\\d{6}Z.*\\.pb\\.gz$`);
  return existsSync(folder) ? readdirSync(folder).filter((n) => pattern.test(n)).length : 0;
}

/** Waits until `want` captures of each kind are saved; fails with what is saved instead. */
async function waitForSaved(folder: string, program: string, want: Readonly<Record<string, number>>, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  let got: Record<string, number> = {};
  for (;;) {
    got = {};
    for (const kind of Object.keys(want)) got[kind] = countSaved(folder, program, kind);
    if (Object.keys(want).every((k) => got[k] === want[k])) return;
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.deepEqual(got, want, 'captures saved by the clicks (every click must save one)');
}

/** The capture panel's tab (where each capture opens) once it shows a capture of `kind`. */
async function waitForShown(page: Page, program: string, kind: string): Promise<void> {
  const tab = page.locator('.tabs-container .tab .label-name', { hasText: new RegExp(`^${program}-${kind}-\\d{8}T\\d{6}Z`) }).first();
  await tab.waitFor({ state: 'visible', timeout: 60_000 });
}

/**
 * Points `goProfiler.profilesFolder` at `<workspace>/profiles-clicks` in the workspace settings,
 * so the steps can count the saved files; `restore` puts the settings file back as it was (the
 * tests after these share the workspace, and a workspace setting overrides theirs).
 */
function useClicksFolder(workspace: string): { readonly folder: string; restore(): void } {
  const folder = join(workspace, 'profiles-clicks');
  const settingsFile = join(workspace, '.vscode', 'settings.json');
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  const before = existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : undefined;
  const settings = before === undefined ? {} : (JSON.parse(before) as Record<string, unknown>);
  writeFileSync(settingsFile, JSON.stringify({ ...settings, 'goProfiler.profilesFolder': folder }, null, 2));
  return { folder, restore: () => (before === undefined ? rmSync(settingsFile, { force: true }) : writeFileSync(settingsFile, before)) };
}

type Step = (title: string, body: () => Promise<void>) => Promise<void>;

/** The steps, for a session of `program` that runs and shows its rows in the Sessions view. */
export async function captureClickSteps(page: Page, workspace: string, program: string, step: Step): Promise<void> {
  const settings = useClicksFolder(workspace);
  const { folder } = settings;
  await step('quick clicks on capture rows right after a capture opened, CPU recording: each saves its profile, and the capture panel shows them', async () => {
    // VS Code reads the settings file when it sees it change: capture until one is saved there.
    const until = Date.now() + 60_000;
    while (countSaved(folder, program, 'goroutine') === 0 && Date.now() < until) {
      await captureRow(page, 'Goroutines').click();
      const wait = Date.now() + 3000;
      while (countSaved(folder, program, 'goroutine') === 0 && Date.now() < wait) await new Promise((r) => setTimeout(r, 250));
    }
    // A click queued behind another may still land: go on once the count holds for 3 s.
    let last = -1;
    while (countSaved(folder, program, 'goroutine') !== last) {
      last = countSaved(folder, program, 'goroutine');
      await new Promise((r) => setTimeout(r, 3000));
    }
    const before = { heap: countSaved(folder, program, 'heap'), goroutine: countSaved(folder, program, 'goroutine'), allocs: countSaved(folder, program, 'allocs') };
    assert.ok(before.goroutine >= 1, `the settings' profiles folder ${folder} got no capture`);
    await sessionsRow(page, 'Start CPU Recording').click();
    await sessionsRow(page, 'Stop CPU Recording').waitFor({ state: 'visible', timeout: 30_000 });
    await captureRow(page, 'Heap').click();
    await waitForSaved(folder, program, { ...before, heap: before.heap + 1 }, 60_000);
    await waitForShown(page, program, 'heap');
    // Right after that capture opened, one click after the other, repeats included.
    const clicks = ['Goroutines', 'Allocs', 'Heap', 'Goroutines', 'Heap', 'Allocs', 'Heap'];
    for (const label of clicks) await captureRow(page, label).click();
    const want = { heap: before.heap + 4, goroutine: before.goroutine + 2, allocs: before.allocs + 2 };
    await waitForSaved(folder, program, want, 120_000);
    await sessionsRow(page, 'Stop CPU Recording').click();
    await sessionsRow(page, 'Start CPU Recording').waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator('.statusbar-item', { hasText: 'Recording CPU' }).first().waitFor({ state: 'hidden', timeout: 30_000 });
  });

  await step('a running Block capture shows a spinner on its row; a second click queues behind it and both are saved', async () => {
    const before = countSaved(folder, program, 'block');
    await captureRow(page, 'Block').click();
    const busy = sessionsRows(page).filter({ has: page.locator('.label-name', { hasText: /^Recording Block…$/ }) }).first();
    await busy.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await busy.locator('.codicon-loading').count(), 1, 'the busy Block row shows the spinner icon');
    await busy.click();
    await busy.locator('.label-description', { hasText: '1 more queued' }).waitFor({ state: 'visible', timeout: 10_000 });
    await waitForSaved(folder, program, { block: before + 2 }, 120_000);
    await captureRow(page, 'Block').locator('.codicon-debug-pause').waitFor({ state: 'visible', timeout: 10_000 });
  });
  settings.restore();
}
