// A second, short code-server run with workspace trust ON, for the Restricted Mode scenario
// (test/integration/ui/untrusted.scenario.ts). Its folders sit inside the main run's folder; its
// processes carry their own tag (<run id>-untrusted), so stopping it never touches the main run,
// and whatever it had to kill is reported as a failure.
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser } from './browser';
import { installVsix, startCodeServer, type CodeServer } from './code-server';
import { shutDownRun } from './shut-down';
import { createRunDirs, untrustedSettings, writeUserSettings, type RunDirs } from './run-dir';
import { screenshot, waitForCommand, waitForWorkbench, workbenchUrl } from './workbench';
import { prepareUntrustedWorkspace, runUntrustedScenario } from '../../test/integration/ui/untrusted.scenario';
import type { StepOutcome } from '../../test/integration/ui/profile-editor.scenario';

export async function runUntrustedVsCode(vsix: string, parent: RunDirs): Promise<StepOutcome[]> {
  const dirs = createRunDirs(join(parent.root, 'untrusted'), `${parent.id}-untrusted`);
  const outcomes: StepOutcome[] = [];
  writeUserSettings(dirs.userData, untrustedSettings);
  prepareUntrustedWorkspace(dirs.workspace);
  let server: CodeServer | undefined;
  let browser: BrowserContext | undefined;
  try {
    installVsix(dirs, vsix);
    server = await startCodeServer(dirs, { workspace: dirs.workspace, workspaceTrust: true });
    browser = await launchBrowser(dirs);
    const page = await browser.newPage();
    await page.goto(workbenchUrl(server.url, dirs.workspace));
    await waitForWorkbench(page);
    await waitForCommand(page, 'Go Profiler: Import Profile');
    await screenshot(page, 'untrusted-workbench');
    outcomes.push(...(await runUntrustedScenario(page)));
  } catch (e) {
    outcomes.push({ title: 'untrusted folder: harness', state: 'failed', error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  } finally {
    outcomes.push(await shutDownRun(browser, server, dirs, 'untrusted folder: no process left behind'));
  }
  return outcomes;
}
