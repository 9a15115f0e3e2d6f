// Transforms in a real VS Code, clicked like a user: a CPU profile the Go runtime made, opened
// from the explorer; Top row → right-click → Merge function puts a chip above the views and
// burnMedium's row takes mediumStep's time, as `go tool pprof -hide` counts it; Ctrl+Z and
// Ctrl+Shift+Z (typed into the webview, through VS Code's own key handling) undo and redo it;
// Collapse recursion on another row adds a second chip.
// Its flame-graph screenshot is the README's picture (docs/images/transforms.png).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { activeWebview, openFromExplorer } from '../../../scripts/vscode/workbench';
import { repoRoot } from '../../../scripts/vscode/paths';
import type { StepOutcome } from './profile-editor.scenario';
import { runStep } from './run-step';

const FILE = 'transforms/cpu.pb.gz';

/** pprof -top -hide's exact flat and cum (ns) of one function. */
function pprofHiddenRow(file: string, hide: string, name: string): { flat: number; cum: number } {
  const out = execFileSync('go', ['tool', 'pprof', '-symbolize=none', '-top', '-unit=ns', '-nodefraction=0', `-hide=${hide}`, file], {
    encoding: 'utf8',
    env: { ...process.env, PPROF_TMPDIR: process.env['TMPDIR'] ?? '/tmp' },
  });
  const line = out.split('\n').find((l) => l.trim().endsWith(`  ${name}`));
  const m = line ? /^\s*(\d+)ns\s+\S+%\s+\S+%\s+(\d+)ns\s/.exec(line) : null;
  assert.ok(m, `no ${name} row in pprof -top -hide output:\n${out}`);
  return { flat: Number(m[1]), cum: Number(m[2]) };
}

async function chips(frame: FrameLocator): Promise<string[]> {
  return frame.locator('[data-testid="transform-chip"] .transform-label').allTextContents();
}

async function waitChips(frame: FrameLocator, want: readonly string[]): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if ((await chips(frame)).join('\n') === want.join('\n')) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual(await chips(frame), want);
}

export async function runTransformsScenario(page: Page, workspace: string): Promise<StepOutcome[]> {
  const outcomes: StepOutcome[] = [];
  const abs = join(workspace, ...FILE.split('/'));
  mkdirSync(join(workspace, 'transforms'), { recursive: true });
  copyFileSync(join(repoRoot, 'test', 'fixtures', 'go-profiles', 'cpu.pb.gz'), abs);
  const want = pprofHiddenRow(abs, '^main\\.mediumStep$', 'main.burnMedium');

  await runStep(outcomes, page, 'transforms-merge', 'Top row → right-click → Merge function: a chip, and burnMedium gets mediumStep\'s time as pprof -hide counts it', async () => {
    await openFromExplorer(page, FILE);
    const frame = await activeWebview(page);
    await frame.locator('[data-testid="tab-top"]').click();
    await frame.locator('[data-testid="top-row"]').first().waitFor({ state: 'visible', timeout: 60_000 });
    await frame.locator('[data-testid="top-filter"]').fill('^main\\.mediumStep'); // the row reads "main.mediumStep (inline)"
    await frame.locator('[data-testid="top-row"] [data-col="name"]').first().click({ button: 'right' });
    await frame.locator('[data-testid="function-menu"] [data-testid="menu-merge"]').click();
    await waitChips(frame, ['Merge main.mediumStep']);
    await frame.locator('[data-testid="top-filter"]').fill('^main\\.burnMedium$');
    const row = frame.locator('[data-testid="top-row"]').first();
    await row.waitFor({ state: 'visible', timeout: 60_000 });
    for (let i = 0; i < 600 && (await row.getAttribute('data-flat')) !== String(want.flat); i++) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual([await row.getAttribute('data-flat'), await row.getAttribute('data-cum')], [String(want.flat), String(want.cum)]);
  });

  await runStep(outcomes, page, 'transforms-undo', 'Ctrl+Z undoes the merge and Ctrl+Shift+Z redoes it, typed into the webview inside VS Code', async () => {
    const frame = await activeWebview(page);
    // Focus in the webview, out of the filter box (a text box keeps its own undo).
    await frame.locator('.transform-bar-title').click();
    await page.keyboard.press('Control+z');
    await waitChips(frame, []);
    await page.keyboard.press('Control+Shift+z');
    await waitChips(frame, ['Merge main.mediumStep']);
  });

  await runStep(outcomes, page, 'transforms-flame', 'Collapse recursion on a second row; the flame graph shows the transformed stacks (no mediumStep frame) with both chips above', async () => {
    const frame = await activeWebview(page);
    await frame.locator('[data-testid="top-filter"]').fill('^main\\.recurseDirect$');
    await frame.locator('[data-testid="top-row"] [data-col="name"]').first().click({ button: 'right' });
    await frame.locator('[data-testid="function-menu"] [data-testid="menu-collapse-recursion"]').click();
    await waitChips(frame, ['Merge main.mediumStep', 'Collapse recursion main.recurseDirect']);
    await frame.locator('[data-testid="top-filter"]').fill('');
    await frame.locator('[data-testid="tab-flame"]').click();
    await frame.locator('[data-testid="flame-view"] canvas').first().waitFor({ state: 'visible', timeout: 60_000 });
    await frame.locator('[data-testid="search-input"]').fill('^main\\.mediumStep$');
    await frame.locator('[data-testid="search-status"]', { hasText: /^0 matches · / }).waitFor({ timeout: 60_000 });
    await frame.locator('[data-testid="search-input"]').fill('');
  });
  return outcomes;
}
