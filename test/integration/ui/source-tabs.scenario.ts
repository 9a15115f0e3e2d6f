// The Source and Disassembly tabs on the CPU profile a Run with Profiler session just saved,
// clicked like a user: Top row → right-click → Show Source shows countPrimes' lines from the
// workspace's cpu.go; a click on the hottest line opens cpu.go at that line. Show Disassembly
// on main.round disassembles the binary the session kept beside the capture (its sidecar's
// binaryFile); a click on the hottest instruction opens its source line. The screenshots are
// the README's pictures (docs/images/source-view.png, docs/images/disasm-view.png).
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { activeWebview, screenshot, waitForActiveTab } from '../../../scripts/vscode/workbench';
import { eventually } from '../../support/eventually';

type Step = (title: string, body: () => Promise<void>) => Promise<void>;

const PROFILE_TAB = /^hotspots-cpu-\d{8}T\d{6}Z/;

/** The hottest row (largest data-cum, with a line) of `testId` rows: its attributes. */
async function hottest(frame: FrameLocator, testId: string): Promise<{ readonly index: number; readonly line: number; readonly file: string; readonly cum: number }> {
  const rows = await frame.locator(`[data-testid="${testId}"]`).evaluateAll((trs) =>
    trs.map((tr, index) => ({ index, line: Number(tr.getAttribute('data-line')), file: tr.getAttribute('data-file') ?? '', cum: Number(tr.getAttribute('data-cum')) })),
  );
  const best = rows.filter((r) => r.line > 0).reduce((a, b) => (b.cum > a.cum ? b : a), { index: -1, line: 0, file: '', cum: 0 });
  assert.ok(best.cum > 0, `no sampled ${testId} rows: ${JSON.stringify(rows.slice(0, 20))}`);
  return best;
}

/** Right-click the only Top row matching `regex` and pick a function-menu item. */
async function fromTopRow(frame: FrameLocator, regex: string, item: string): Promise<void> {
  await frame.locator('[data-testid="tab-top"]').click();
  await frame.locator('[data-testid="top-filter"]').fill(regex);
  const row = frame.locator('[data-testid="top-row"] [data-col="name"]').first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await row.click({ button: 'right' });
  await frame.locator(`[data-testid="function-menu"] [data-testid="${item}"]`).click();
}

/** The cursor line VS Code's status bar shows reaches `line`; then the source editor is closed. */
async function cursorOn(page: Page, file: string, line: number): Promise<void> {
  await waitForActiveTab(page, file);
  const selection = page.locator('.statusbar-item[id="status.editor.selection"]');
  await eventually(`the cursor on ${file} line ${line}`, async () => (new RegExp(`Ln ${line}\\b`).test((await selection.textContent()) ?? '') ? true : undefined), 30_000);
  // Close the opened file (and with it the editor group beside), so later steps see one group.
  await page.keyboard.press('Control+w');
}

async function profileTab(page: Page): Promise<FrameLocator> {
  await page.locator('.tabs-container .tab', { has: page.locator('.label-name', { hasText: PROFILE_TAB }) }).first().click();
  return activeWebview(page);
}

export async function sourceTabSteps(page: Page, step: Step): Promise<void> {
  await step('Show Source on main.countPrimes lists cpu.go with flat/cum; a click on the hottest line opens cpu.go there', async () => {
    const frame = await profileTab(page);
    await fromTopRow(frame, '^main\\.countPrimes\\b', 'menu-source');
    await frame.locator('[data-testid="source-line"]').first().waitFor({ state: 'visible', timeout: 60_000 });
    assert.match((await frame.locator('[data-testid="source-routine"]').first().getAttribute('data-file')) ?? '', /hotspots\/cpu\.go$/);
    const hot = await hottest(frame, 'source-line');
    await screenshot(page, 'source-view');
    await frame.locator('[data-testid="source-line"]').nth(hot.index).click();
    await cursorOn(page, 'cpu.go', hot.line);
  });

  await step('Show Disassembly on main.round uses the binary the session kept; a click on the hottest instruction opens its line', async () => {
    const frame = await profileTab(page);
    await fromTopRow(frame, '^main\\.round\\b', 'menu-disasm');
    await frame.locator('[data-testid="disasm-row"]').first().waitFor({ state: 'visible', timeout: 120_000 });
    assert.match((await frame.locator('[data-testid="disasm-binary"]').textContent()) ?? '', /hotspots-[0-9a-f]{16}\.bin$/);
    const hot = await hottest(frame, 'disasm-row');
    await frame.locator('[data-testid="disasm-row"]').nth(hot.index).scrollIntoViewIfNeeded();
    await screenshot(page, 'disasm-view');
    await frame.locator('[data-testid="disasm-row"]').nth(hot.index).click();
    await cursorOn(page, hot.file.slice(hot.file.lastIndexOf('/') + 1), hot.line);
  });
}
