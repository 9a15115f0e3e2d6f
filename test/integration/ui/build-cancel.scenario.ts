// A long build, as a user with an empty Go cache meets it (here `go build -a` from a launch
// configuration, which compiles every package again): the build's notification names the
// package being compiled; its Cancel stops `go build` and the compilers it started, says the
// build was cancelled, and leaves no session.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { runCommand } from '../../../scripts/vscode/workbench';
import { eventually } from '../../support/eventually';
import { liveProcesses, processesWithEnv, type LiveProcess } from '../../support/live-processes';
import { sessionsRows } from './capture-clicks.scenario';

type Step = (title: string, body: () => Promise<void>) => Promise<void>;

const CONFIG_NAME = 'hotspots, every package compiled again';

/** Runs Run with Profiler and picks the configuration, reopening the pick until VS Code has read the new launch.json. */
async function pickLaunchConfig(page: Page): Promise<void> {
  const rows = page.locator('.quick-input-list .monaco-list-row');
  const pick = rows.filter({ hasText: CONFIG_NAME }).first();
  for (let attempt = 1; ; attempt++) {
    await runCommand(page, 'Go Profiler: Run with Profiler');
    await rows.first().waitFor({ state: 'visible', timeout: 60_000 });
    if (await pick.isVisible()) break;
    if (attempt === 20) assert.fail(`Run with Profiler never offered the launch configuration "${CONFIG_NAME}"`);
    await page.keyboard.press('Escape');
    await new Promise((r) => setTimeout(r, 1000));
  }
  await pick.click();
}

export async function buildCancelSteps(page: Page, workspace: string, step: Step): Promise<void> {
  await step('a long build names the package being compiled; Cancel stops go build and its compilers, says so and starts no session', async () => {
    const vscodeDir = join(workspace, '.vscode');
    mkdirSync(vscodeDir, { recursive: true });
    const program = join(workspace, 'examples', 'hotspots');
    const launch = { version: '0.2.0', configurations: [{ type: 'go', request: 'launch', name: CONFIG_NAME, program, buildFlags: '-a' }] };
    writeFileSync(join(vscodeDir, 'launch.json'), JSON.stringify(launch, null, 2));
    try {
      await pickLaunchConfig(page);
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: `Building ${CONFIG_NAME} with the Go Profiler agent` }).first();
      await toast.locator('.notification-list-item-message', { hasText: /compiling \S+ \(\d+ of \d+ packages\)/ }).waitFor({ state: 'visible', timeout: 120_000 });
      const build = liveProcesses().find((p) => p.argv.includes('build') && p.argv.includes('-overlay') && p.argv.includes('-a') && p.argv.includes(program));
      assert.ok(build, 'no go build -a of hotspots is running while the notification says it compiles');
      const goTmp = build.env.find((e) => e.startsWith('GOTMPDIR='));
      assert.ok(goTmp, 'go build has no GOTMPDIR');
      await toast.locator('.monaco-button', { hasText: 'Cancel' }).click();
      await page
        .locator('.notifications-toasts .notification-toast', { hasText: /build of \S+hotspots cancelled/ })
        .first()
        .waitFor({ state: 'visible', timeout: 30_000 });
      const gone = (): LiveProcess[] | undefined => (processesWithEnv(goTmp).length === 0 ? [] : undefined);
      const left = await eventually('go build and its compilers to end', gone).catch(() => processesWithEnv(goTmp));
      assert.deepEqual(left.map((p) => p.argv.slice(0, 2).join(' ')), [], 'go build or a compiler still runs after Cancel');
      assert.equal(await sessionsRows(page).filter({ hasText: 'Start CPU Recording' }).count(), 0, 'a cancelled build left a session');
    } finally {
      rmSync(join(vscodeDir, 'launch.json'), { force: true });
    }
  });
}
