// Helpers that drive the VS Code workbench the way a user does: palette, explorer, webviews.
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { testResultsDir } from './paths';

export function workbenchUrl(serverUrl: string, folder: string): string {
  return `${serverUrl}/?folder=${encodeURIComponent(folder)}`;
}

export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
}

async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

/** Opens the command palette (F1) with `>label` typed; resolves the matching row if it is listed. */
async function findInPalette(page: Page, label: string): Promise<Locator | undefined> {
  const input = page.locator('.quick-input-widget input');
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  if (!(await input.waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false))) {
    // F1 went to a webview that did not pass it on to the workbench: take the focus out of the
    // webview's frame (blur the top page's active element) and press it again.
    await page.evaluate(() => {
      const g = globalThis as unknown as { document: { activeElement: { blur?: () => void } | null } };
      g.document.activeElement?.blur?.();
    });
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
  }
  // The palette can close again at once (a webview or a notification taking the focus): then
  // this try finds nothing and the caller opens it again.
  if (!(await input.fill(`>${label}`, { timeout: 5000 }).then(() => true, () => false))) return undefined;
  const row = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: label }) })
    .first();
  if (await row.isVisible({ timeout: 1000 }).catch(() => false)) return row;
  await page.keyboard.press('Escape');
  return undefined;
}

/**
 * Runs the command whose palette label contains `label`, retrying while the extension host is
 * still registering commands.
 */
export async function runCommand(page: Page, label: string, attempts = 40): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    const row = await findInPalette(page, label);
    if (row) {
      await row.click();
      return;
    }
    await sleep(500);
  }
  throw new Error(`command "${label}" never appeared in the command palette`);
}

/** Waits until the palette lists `label`, i.e. the contributing extension is known, then closes it. */
export async function waitForCommand(page: Page, label: string, attempts = 60): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await findInPalette(page, label)) {
      await page.keyboard.press('Escape');
      return;
    }
    await sleep(500);
  }
  throw new Error(`command "${label}" never appeared in the command palette`);
}

/**
 * Answers an open-file dialog. In code-server it is VS Code's "simple file dialog": a quick
 * input holding a path, where typing a full path and pressing Enter picks that file.
 */
export async function answerFileDialog(page: Page, absPath: string): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  // The dialog fills its input with the default folder once that folder's listing arrives,
  // which can overwrite a path typed before it: wait for the listing, then retype until the
  // path sticks and Enter closes the dialog.
  await widget.locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: 15_000 });
  for (let attempt = 1; attempt <= 5; attempt++) {
    await input.fill(absPath);
    await page.waitForTimeout(250);
    if ((await input.inputValue()) !== absPath) continue;
    await input.press('Enter');
    try {
      await widget.waitFor({ state: 'hidden', timeout: 5_000 });
      return;
    } catch {
      // still open: the dialog reset the input after Enter; type the path again
    }
  }
  throw new Error(`the file dialog did not accept ${absPath}`);
}

/** Waits until the active editor tab is the one for `fileName`. */
export async function waitForActiveTab(page: Page, fileName: string): Promise<void> {
  const label = page.locator('.tabs-container .tab.active .label-name', { hasText: fileName });
  await label.first().waitFor({ state: 'visible', timeout: 15_000 });
}

/** The explorer's row for one entry (file or folder) by its name. */
export function explorerRow(page: Page, name: string): Locator {
  return page
    .locator('.explorer-folders-view .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }) })
    .first();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export async function showExplorer(page: Page): Promise<void> {
  if (await page.locator('.explorer-folders-view').isVisible().catch(() => false)) return;
  await runCommand(page, 'View: Show Explorer');
  await page.locator('.explorer-folders-view').waitFor({ state: 'visible', timeout: 15_000 });
}

/** The names of the rows the list renders now, to tell whether a scroll moved it. */
async function renderedRows(list: Locator): Promise<string> {
  return (await list.locator('.monaco-list-row .label-name').allTextContents().catch(() => [])).join('/');
}

/**
 * Scrolls the explorer until `row` is rendered. The explorer's list only renders the rows in
 * its viewport, so a file below the fold (a long tree, a folder expanded at the bottom) has
 * no row at all until it is scrolled to.
 */
async function scrollToRow(page: Page, row: Locator, timeoutMs: number): Promise<void> {
  const list = page.locator('.explorer-folders-view .monaco-list').first();
  const deadline = Date.now() + timeoutMs;
  let down = true;
  while (!(await row.isVisible().catch(() => false))) {
    if (Date.now() > deadline) {
      await row.waitFor({ state: 'visible', timeout: 1 }); // throws, naming the row
      return;
    }
    const box = await list.boundingBox();
    if (box) {
      const before = await renderedRows(list);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, down ? box.height / 2 : -box.height);
      await sleep(150);
      const after = await renderedRows(list);
      if (after === before) down = !down; // an end of the list: sweep the other way
    } else {
      await sleep(150);
    }
  }
}

/** Opens `relPath` (slash separated, relative to the workspace folder) by clicking in the explorer. */
export async function openFromExplorer(page: Page, relPath: string): Promise<void> {
  await showExplorer(page);
  // Folders other scenarios expanded make the tree long and can hold rows of the same name.
  await runCommand(page, 'Collapse Folders in Explorer');
  const parts = relPath.split('/');
  for (const [i, part] of parts.entries()) {
    const row = explorerRow(page, part);
    await scrollToRow(page, row, 15_000);
    if (i < parts.length - 1) {
      // A click while the list re-renders (a watcher event) can land on no row: click until open.
      for (let i = 0; i < 5 && (await row.getAttribute('aria-expanded')) !== 'true'; i++) {
        await row.click();
        await sleep(200);
      }
    } else {
      await row.dblclick();
    }
  }
  await waitForActiveTab(page, parts[parts.length - 1] ?? relPath);
}

/** The content frame of the visible webview (`iframe.webview.ready` → `#active-frame`). */
export async function activeWebview(page: Page): Promise<FrameLocator> {
  const outer = page.locator('iframe.webview.ready').filter({ visible: true }).last();
  await outer.waitFor({ state: 'attached', timeout: 30_000 });
  return outer.contentFrame().locator('#active-frame').contentFrame();
}

let shotCounter = 0;

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(testResultsDir, { recursive: true });
  shotCounter += 1;
  const file = join(testResultsDir, `${String(shotCounter).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
