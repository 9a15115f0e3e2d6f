// Restricted Mode in a real VS Code: code-server with workspace trust on opens a folder nobody
// trusted. Viewing a profile works; Run with Profiler (palette and the "▶ Profile" CodeLens),
// the test "Profile" CodeLens and Attach are refused by src/session/trust.ts with its message
// and a "Manage Workspace Trust" button that opens VS Code's trust editor; nothing is built.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { activeWebview, openFromExplorer, runCommand } from '../../../scripts/vscode/workbench';
import { writeHostileProfile } from '../../webview/xss-profile';
import type { StepOutcome } from './profile-editor.scenario';
import { runStep } from './run-step';

/** A Go module with a main package, a test and a profile, written before code-server starts. */
export function prepareUntrustedWorkspace(workspace: string): void {
  mkdirSync(join(workspace, 'profiles'), { recursive: true });
  writeFileSync(join(workspace, 'go.mod'), 'module example.com/untrusted\n\ngo 1.21\n');
  writeFileSync(join(workspace, 'main.go'), 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("must not run")\n}\n');
  writeFileSync(join(workspace, 'main_test.go'), 'package main\n\nimport "testing"\n\nfunc TestNothing(t *testing.T) {}\n');
  writeHostileProfile(join(workspace, 'profiles', 'cpu.pb.gz'));
}

function refusal(action: string): string {
  return `Go Profiler: ${action} needs a trusted workspace (it builds and runs code). Viewing profiles works without trust.`;
}

function toast(page: Page, text: string): Locator {
  return page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
}

/** The refusal toast for `action`, exactly as trust.ts words it; clicks its button when asked. */
async function expectRefusal(page: Page, action: string, clickManage: boolean): Promise<void> {
  const t = toast(page, `${action} needs a trusted workspace`);
  await t.waitFor({ state: 'visible', timeout: 20_000 });
  const message = (await t.locator('.notification-list-item-message').textContent())?.trim();
  assert.equal(message, refusal(action));
  const button = t.locator('.monaco-button', { hasText: 'Manage Workspace Trust' });
  assert.equal(await button.count(), 1, 'the toast offers Manage Workspace Trust');
  if (clickManage) {
    await button.click();
    await page.locator('.tabs-container .tab.active .label-name', { hasText: 'Workspace Trust' }).waitFor({ state: 'visible', timeout: 20_000 });
  }
  await runCommand(page, 'Notifications: Clear All Notifications').catch(() => undefined);
}

export async function runUntrustedScenario(page: Page): Promise<StepOutcome[]> {
  const outcomes: StepOutcome[] = [];
  const step = (title: string, shot: string, body: () => Promise<void>): Promise<void> => runStep(outcomes, page, `untrusted-${shot}`, title, body);

  await step('untrusted folder: VS Code is in Restricted Mode and a profile still opens with its top table', 'view', async () => {
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await openFromExplorer(page, 'profiles/cpu.pb.gz');
    const frame = await activeWebview(page);
    await frame.locator('[data-testid="tab-top"]').click();
    await frame.locator('[data-testid="top-row"]').first().waitFor({ state: 'visible', timeout: 60_000 });
  });

  await step('untrusted folder: Run with Profiler is refused; Manage Workspace Trust opens the trust editor', 'run', async () => {
    await runCommand(page, 'Go Profiler: Run with Profiler');
    await expectRefusal(page, 'Run with Profiler', true);
    assert.equal(await page.locator('.quick-input-widget').isVisible(), false, 'no target picker opened');
    await runCommand(page, 'View: Close All Editors');
  });

  await step('untrusted folder: Attach to pprof Endpoint is refused before asking for a URL', 'attach', async () => {
    await runCommand(page, 'Go Profiler: Attach to pprof Endpoint');
    await expectRefusal(page, 'Attaching to a pprof endpoint', false);
    assert.equal(await page.locator('.quick-input-widget').isVisible(), false, 'no URL input opened');
  });

  await step('untrusted folder: the "▶ Profile" and test "Profile" CodeLenses are refused', 'codelens', async () => {
    await openFromExplorer(page, 'main.go');
    await page.locator('.codelens-decoration a', { hasText: '▶ Profile' }).first().click({ timeout: 30_000 });
    await expectRefusal(page, 'Run with Profiler', false);
    await openFromExplorer(page, 'main_test.go');
    await page.locator('.codelens-decoration a', { hasText: /^Profile$/ }).first().click({ timeout: 30_000 });
    await expectRefusal(page, 'Profiling TestNothing', false);
    assert.equal(await page.locator('.terminal-tab, .terminal-wrapper').count(), 0, 'no terminal was opened to build or run');
  });
  return outcomes;
}
