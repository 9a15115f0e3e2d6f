// Compare Benchmarks in a real VS Code, clicked like a user: a git repository with two commits
// (the second makes Slow 3x slower) in the opened folder; the "Compare with…" CodeLens above
// BenchmarkSlow, base HEAD~1 typed in, head the working tree; the notification names the
// slowdown, and the diff view that opens lists Slow first with go tool pprof -diff_base's delta.
// Its screenshot is the README's picture (docs/images/bench-compare.png).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { activeWebview, openFromExplorer, screenshot } from '../../../scripts/vscode/workbench';
import { repoRoot } from '../../../scripts/vscode/paths';
import type { RunDirs } from '../../../scripts/vscode/run-dir';
import { makeSlowdownRepo, SLOW } from '../../support/slowdown-repo';
import type { StepOutcome } from './profile-editor.scenario';
import { readTopRows } from './table-reader';
import { runStep } from './run-step';

const REPO = 'bench-compare';

/** The file named `name` anywhere under `dir` (the profiles folder is in the run's storage). */
function findFile(dir: string, name: string): string | undefined {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.name === name) return p;
    if (entry.isDirectory()) {
      const found = findFile(p, name);
      if (found) return found;
    }
  }
  return undefined;
}

/** pprof -top -diff_base's first row (name and exact flat ns). */
function pprofDiffFirst(base: string, head: string): { name: string; flat: number } {
  const out = execFileSync('go', ['tool', 'pprof', '-symbolize=none', '-top', '-unit=ns', '-nodecount=5', '-diff_base', base, head], {
    encoding: 'utf8',
    env: { ...process.env, PPROF_TMPDIR: process.env['TMPDIR'] ?? '/tmp' },
  });
  const m = /^\s*(-?\d+)ns\s+\S+%\s+\S+%\s+\S+\s+\S+%\s+(\S+)\s*$/m.exec(out);
  assert.ok(m, `no rows in pprof -diff_base output:\n${out}`);
  return { name: m[2]!, flat: Number(m[1]) };
}

export async function runBenchCompareScenario(page: Page, dirs: RunDirs): Promise<StepOutcome[]> {
  const outcomes: StepOutcome[] = [];
  const repo = join(dirs.workspace, REPO);
  const settings = join(dirs.workspace, '.vscode', 'settings.json');
  let headTab = '';
  await runStep(outcomes, page, 'bench-compare-codelens', 'the "Compare with…" CodeLens above BenchmarkSlow compares HEAD~1 with the working tree', async () => {
    mkdirSync(repo, { recursive: true });
    await makeSlowdownRepo(repo);
    // Short timed runs: each op takes microseconds.
    mkdirSync(join(dirs.workspace, '.vscode'), { recursive: true });
    writeFileSync(settings, JSON.stringify({ 'goProfiler.benchCompare.benchtime': '60ms' }));
    await openFromExplorer(page, `${REPO}/work_test.go`);
    const lens = page.locator('.codelens-decoration a', { hasText: 'Compare with…' }).first();
    await lens.waitFor({ state: 'visible', timeout: 60_000 });
    await lens.click();
    const row = (text: string) => page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
    await row('A commit or tag…').click({ timeout: 30_000 });
    const input = page.locator('.quick-input-widget input').first();
    await input.fill('HEAD~1');
    await input.press('Enter');
    await row('Working tree').click({ timeout: 30_000 });
    const note = page.locator('.notification-list-item-message', { hasText: /changed: BenchmarkSlow \+\d+\.\d\d% \(p=0\.\d+ n=6\)/ }).first();
    await note.waitFor({ state: 'visible', timeout: 240_000 });
    const tab = page.locator('.tabs-container .tab.active .label-name', { hasText: /^slowdown\.head-cpu-\d{8}T\d{6}Z/ }).first();
    await tab.waitFor({ state: 'visible', timeout: 60_000 });
    headTab = ((await tab.textContent()) ?? '').trim();
  });

  await runStep(outcomes, page, 'bench-compare-diff', 'the diff view lists Slow first, with go tool pprof -diff_base\'s delta', async () => {
    assert.ok(headTab, 'the comparison opened the head profile');
    const head = findFile(dirs.userData, `${headTab.replace(/\.pb\.gz$/, '')}.pb.gz`);
    assert.ok(head, `${headTab} in the profiles folder`);
    const base = head.replace('slowdown.head-cpu-', 'slowdown.base-cpu-');
    const want = pprofDiffFirst(base, head);
    assert.equal(want.name, SLOW);
    const frame = await activeWebview(page);
    await frame.locator('text=Grew most').first().waitFor({ state: 'visible', timeout: 60_000 });
    await new Promise((r) => setTimeout(r, 1000)); // let the diff flame graph paint
    const shot = await screenshot(page, 'bench-compare');
    if (process.env['GO_PROFILER_UPDATE_PICTURES']) copyFileSync(shot, join(repoRoot, 'docs', 'images', 'bench-compare.png'));
    await frame.locator('[data-testid="tab-top"]').click();
    let rows = await readTopRows(frame, 3);
    for (let i = 0; i < 60 && rows[0]?.rawFlat !== want.flat; i++) {
      await new Promise((r) => setTimeout(r, 500));
      rows = await readTopRows(frame, 3);
    }
    assert.equal(rows[0]?.name, SLOW, JSON.stringify(rows));
    assert.equal(rows[0]?.rawFlat, want.flat);
  });

  await runStep(outcomes, page, 'bench-compare-hints', 'work.go shows signed per-line deltas from the diff', async () => {
    await openFromExplorer(page, `${REPO}/work.go`);
    let hints: string[] = [];
    for (let i = 0; i < 60 && !hints.some((h) => /\+\d/.test(h)); i++) {
      await new Promise((r) => setTimeout(r, 500));
      hints = await page.evaluate(() => {
        type El = { textContent: string | null };
        const g = globalThis as unknown as {
          document: { querySelector(s: string): { querySelectorAll(s: string): El[] } | null };
          getComputedStyle(el: El, pseudo?: string): { content: string };
        };
        const editor = g.document.querySelector('.editor-group-container.active .monaco-editor');
        return editor ? [...editor.querySelectorAll('.view-lines .view-line span')].map((span) => g.getComputedStyle(span, '::after').content).filter((c) => c !== 'none' && c !== 'normal') : [];
      });
    }
    assert.ok(hints.some((h) => /\+\d/.test(h)), `no "+" delta hint in work.go: ${JSON.stringify(hints)}`);
  });
  rmSync(settings, { force: true });
  return outcomes;
}
