/** One step of a UI scenario: its outcome and time are recorded, and the screenshot taken whether it passed or not. */
import type { Page } from 'playwright-core';
import { screenshot } from '../../../scripts/vscode/workbench';
import type { StepOutcome } from './profile-editor.scenario';

export async function runStep(outcomes: StepOutcome[], page: Page, shot: string, title: string, body: () => Promise<void>): Promise<void> {
  const t = Date.now();
  try {
    await body();
    outcomes.push({ title, state: 'passed', ms: Date.now() - t });
  } catch (e) {
    outcomes.push({ title, state: 'failed', error: e instanceof Error ? e.message : String(e), ms: Date.now() - t });
  }
  await screenshot(page, shot).catch(() => undefined);
}
