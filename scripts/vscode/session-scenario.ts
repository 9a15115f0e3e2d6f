// End-to-end Run with Profiler in a real VS Code, clicked like a user: open examples/hotspots/main.go,
// click the "▶ Profile" CodeLens, Start and Stop CPU Recording in the Sessions view, and
// screenshot the profile that opens; its Source and Disassembly tabs (source-tabs.scenario.ts); click capture rows in quick succession (none may be dropped,
// see test/integration/ui/capture-clicks.scenario.ts); then Stop the session; Cancel a long
// build (test/integration/ui/build-cancel.scenario.ts).
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { repoRoot } from './paths';
import { activeWebview, openFromExplorer, runCommand, waitForWorkbench } from './workbench';
import type { StepOutcome } from '../../test/integration/ui/profile-editor.scenario';
import { captureClickSteps, sessionsRow } from '../../test/integration/ui/capture-clicks.scenario';
import { buildCancelSteps } from '../../test/integration/ui/build-cancel.scenario';
import { sourceTabSteps } from '../../test/integration/ui/source-tabs.scenario';

/** Own folder: a concurrent `npm run test:vscode` empties test-results/vscode when it starts. */
export const sessionShotsDir = join(repoRoot, 'test-results', 'session');
let shots = 0;

async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(sessionShotsDir, { recursive: true });
  const file = join(sessionShotsDir, `${String(++shots).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Copies the demo workspace (go.mod and the hotspots program) into the opened folder. */
export function copyExamples(workspace: string): void {
  const to = join(workspace, 'examples');
  mkdirSync(to, { recursive: true });
  cpSync(join(repoRoot, 'examples', 'go.mod'), join(to, 'go.mod'));
  cpSync(join(repoRoot, 'examples', 'hotspots'), join(to, 'hotspots'), { recursive: true });
  // The demo runs 60 s by default; on a loaded machine the steps below can take longer than
  // that, and the program must still be running when Stop is clicked.
  const main = join(to, 'hotspots', 'main.go');
  const source = readFileSync(main, 'utf8');
  const longer = source.replace('60*time.Second', '600*time.Second');
  if (longer === source) throw new Error(`${main}: the default duration 60*time.Second is gone; update the scenario`);
  writeFileSync(main, longer);
}

export async function runSessionScenario(page: Page, workspace: string): Promise<StepOutcome[]> {
  const outcomes: StepOutcome[] = [];
  let failed = false;
  const step = async (title: string, body: () => Promise<void>): Promise<void> => {
    const started = Date.now();
    if (failed) {
      outcomes.push({ title, state: 'failed', error: 'skipped: an earlier step of this scenario failed' });
      return;
    }
    try {
      await body();
      outcomes.push({ title, state: 'passed', ms: Date.now() - started });
    } catch (e) {
      failed = true;
      await screenshot(page, 'session-failure').catch(() => undefined);
      outcomes.push({ title, state: 'failed', ms: Date.now() - started, error: e instanceof Error ? e.message : String(e) });
    }
  };

  await step('the "▶ Profile" CodeLens above func main builds and runs hotspots in a session', async () => {
    copyExamples(workspace);
    await openFromExplorer(page, 'examples/hotspots/main.go');
    const lens = page.locator('.codelens-decoration a', { hasText: '▶ Profile' }).first();
    await lens.waitFor({ state: 'visible', timeout: 60_000 });
    await lens.click();
    // Building with the agent on a busy machine can take a while; the row appears once it runs.
    await sessionsRow(page, 'Start CPU Recording').waitFor({ state: 'visible', timeout: 240_000 });
    await screenshot(page, 'session-running');
  });

  await step('Start CPU Recording shows "Recording CPU" in the status bar', async () => {
    await sessionsRow(page, 'Start CPU Recording').click();
    await sessionsRow(page, 'Stop CPU Recording').waitFor({ state: 'visible', timeout: 30_000 });
    const status = page.locator('.statusbar-item', { hasText: 'Recording CPU' }).first();
    await status.waitFor({ state: 'visible', timeout: 10_000 });
    // Let the burner run under the profiler for a couple of seconds.
    await new Promise((r) => setTimeout(r, 2500));
    await screenshot(page, 'session-recording-cpu');
  });

  await step('Stop CPU Recording saves the profile and opens it in the profile editor', async () => {
    await sessionsRow(page, 'Stop CPU Recording').click();
    const tab = page.locator('.tabs-container .tab.active .label-name', { hasText: /^hotspots-cpu-\d{8}T\d{6}Z/ }).first();
    await tab.waitFor({ state: 'visible', timeout: 60_000 });
    const frame = await activeWebview(page);
    // The summary sits in a collapsed <details>; once it is in the DOM the profile has decoded.
    await frame.locator('[data-testid="profile-meta"]').first().waitFor({ state: 'attached', timeout: 60_000 });
    await new Promise((r) => setTimeout(r, 1500)); // let the flame graph paint for the screenshot
    const file = await screenshot(page, 'session-cpu-profile');
    assert.ok(file.endsWith('.png'));
    await page.locator('.statusbar-item', { hasText: 'Recording CPU' }).first().waitFor({ state: 'hidden', timeout: 10_000 });
  });

  await sourceTabSteps(page, step);

  await captureClickSteps(page, workspace, 'hotspots', step);

  await step('Stop Session ends hotspots and removes it from the Sessions view', async () => {
    const pid = await sessionPid(page);
    await runStopSession(page);
    assert.equal(isAlive(pid), false, `hotspots (pid ${pid}) still runs after Stop Session`);
  });

  await buildCancelSteps(page, workspace, step);

  await step('Run with Profiler from the palette offers the workspace main packages; reloading the window ends the session', async () => {
    await runCommand(page, 'Go Profiler: Run with Profiler');
    const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: 'example.com/hotspots/hotspots' }).first();
    await pick.waitFor({ state: 'visible', timeout: 60_000 });
    await pick.click();
    await sessionsRow(page, 'Start CPU Recording').waitFor({ state: 'visible', timeout: 240_000 });
    const pid = await sessionPid(page);
    assert.equal(isAlive(pid), true);
    // Reloading restarts the extension host: deactivate must end the program's process tree.
    await runCommand(page, 'Developer: Reload Window');
    await waitForWorkbench(page);
    const deadline = Date.now() + 20_000;
    while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    assert.equal(isAlive(pid), false, `hotspots (pid ${pid}) outlived its extension host`);
  });
  return outcomes;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid the session row shows ("pid 1234 · …"). */
async function sessionPid(page: Page): Promise<number> {
  const description = await page
    .locator('.pane', { has: page.locator('.pane-header', { hasText: /sessions/i }) })
    .locator('.monaco-list-row .label-description', { hasText: /pid \d+/ })
    .first()
    .textContent({ timeout: 10_000 });
  const pid = Number(/pid (\d+)/.exec(description ?? '')?.[1]);
  assert.ok(Number.isInteger(pid) && pid > 0, `no pid in the session row: "${description}"`);
  return pid;
}

async function runStopSession(page: Page): Promise<void> {
  const stop = sessionsRow(page, 'Stop Session');
  const header = (name: RegExp): Locator => page.locator('.pane-header', { hasText: name }).first();
  // Expand the Sessions section only if it is collapsed: a click on an open header closes it.
  if ((await header(/sessions/i).getAttribute('aria-expanded')) !== 'true') await header(/sessions/i).click();
  // With four sections in the view, a session's rows can be below the fold of its section:
  // make room by collapsing the others for the click, then restore them.
  const others = [/recent profiles/i, /servers/i, /saved views/i];
  const collapsed: RegExp[] = [];
  if (!(await stop.isVisible().catch(() => false))) {
    for (const name of others) {
      if ((await header(name).getAttribute('aria-expanded').catch(() => null)) === 'true') {
        await header(name).click();
        collapsed.push(name);
      }
    }
  }
  await stop.click();
  await stop.waitFor({ state: 'hidden', timeout: 20_000 });
  for (const name of collapsed) await header(name).click();
}
