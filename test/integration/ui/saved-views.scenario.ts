// Saved views in a real VS Code, as a user: in the heap profile's editor choose alloc_space,
// focus on main, the Top tab, and "Save View…" from the toolbar (the name typed in VS Code's
// input box); the view lands in .vscode/go-profiler-views.json and in the Go Profiler view's
// Saved Views section; clicking it there with another profile open applies it: Top tab,
// alloc_space, the focus, and a top table equal to `go tool pprof -top -sample_index=alloc_space -focus=main`.
import * as assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { activeWebview, openFromExplorer, runCommand } from '../../../scripts/vscode/workbench';
import { repoRoot } from '../../../scripts/vscode/paths';
import { eventually } from '../../support/eventually';
import { parsePprofValue } from '../../support/go-pprof';
import { pprofTop } from './pprof-top';
import type { ScenarioFiles, StepOutcome } from './profile-editor.scenario';
import { runStep } from './run-step';
import { chooseSampleType, readTopRows, sampleTypeValue } from './table-reader';

const VIEW = 'allocs of main';
const OTHER = 'profiles/saved-views-allocs.pb.gz';

/** The option index of the sample type named `type` in the editor's selector. */
async function sampleTypeIndex(frame: FrameLocator, type: string): Promise<number> {
  const labels = await frame.locator('[data-testid="sample-type-select"] option').allTextContents();
  const index = labels.findIndex((l) => l.startsWith(`${type} (`));
  assert.ok(index >= 0, `no ${type} among ${labels.join(', ')}`);
  return index;
}

async function editorFrame(page: Page): Promise<FrameLocator> {
  const frame = await activeWebview(page);
  await frame.locator('[data-testid="sample-type-select"]').waitFor({ state: 'visible', timeout: 60_000 });
  return frame;
}

export async function runSavedViewsScenario(page: Page, workspace: string, files: ScenarioFiles): Promise<StepOutcome[]> {
  const outcomes: StepOutcome[] = [];
  const step = (title: string, shot: string, body: () => Promise<void>): Promise<void> => runStep(outcomes, page, `saved-views-${shot}`, title, body);
  const viewsFile = join(workspace, '.vscode', 'go-profiler-views.json');
  copyFileSync(join(repoRoot, 'test', 'fixtures', 'go-profiles', 'allocs.pb.gz'), join(workspace, OTHER));

  await step('saved views: Save View… in the heap profile writes the view and lists it in the Go Profiler view', 'save', async () => {
    await openFromExplorer(page, files.heap);
    const frame = await editorFrame(page);
    await chooseSampleType(frame, await sampleTypeIndex(frame, 'alloc_space'));
    await frame.locator('[data-testid="filter-focus"]').fill('main');
    await frame.locator('[data-testid="filter-focus"]').press('Enter');
    await frame.locator('[data-testid="tab-top"]').click();
    await frame.locator('[data-testid="top-row"]').first().waitFor({ state: 'visible', timeout: 60_000 });
    await frame.locator('[data-testid="save-view"]').click();
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(VIEW);
    await input.press('Enter');
    const saved = await eventually('the views file holds the view', () => {
      try {
        return (JSON.parse(readFileSync(viewsFile, 'utf8')) as { views: { name: string; state: Record<string, unknown> }[] }).views.find((v) => v.name === VIEW);
      } catch {
        return undefined;
      }
    });
    assert.equal(saved.state['sampleType'], 'alloc_space');
    assert.equal(saved.state['view'], 'top');
    assert.equal((saved.state['filters'] as { focus: string }).focus, 'main');
    assert.equal(saved.state['sampleIndex'], undefined, 'the view keeps the sample type by name only');
    await runCommand(page, 'Go Profiler: Focus on Saved Views View');
    await page.locator('.monaco-list-row', { hasText: VIEW }).first().waitFor({ state: 'visible', timeout: 30_000 });
  });

  await step('saved views: clicking the view with another profile open applies tab, sample type and focus (top table equals pprof)', 'apply', async () => {
    await openFromExplorer(page, OTHER);
    const frame = await editorFrame(page);
    const index = await sampleTypeIndex(frame, 'alloc_space');
    await frame.locator('[data-testid="top-row"], [data-testid="flame-view"]').first().waitFor({ state: 'attached', timeout: 60_000 });
    await runCommand(page, 'Go Profiler: Focus on Saved Views View');
    await page.locator('.monaco-list-row', { hasText: VIEW }).first().click();
    const file = join(workspace, OTHER);
    const want = pprofTop(file, { sampleIndex: 'alloc_space', focus: 'main', unit: 'B', nodeCount: 5 });
    assert.ok(want.length > 0, 'pprof printed rows');
    const got = await eventually(
      'the top table shows the view applied',
      async () => {
        const rows = await readTopRows(frame, want.length);
        return rows.length === want.length && rows[0]!.name === want[0]!.name && rows[0]!.rawFlat === parsePprofValue(want[0]!.flat, 'row 1') ? rows : undefined;
      },
      60_000,
    );
    for (const [i, row] of want.entries()) {
      // pprof -top -nodefraction=0 (as pprofTop runs it) prints no "(inline)" mark; the table does.
      assert.equal(got[i]!.name.replace(/ \(inline\)$/, ''), row.name, `row ${i + 1} name`);
      assert.equal(got[i]!.rawFlat, parsePprofValue(row.flat, `row ${i + 1}`), `row ${i + 1} flat`);
      assert.equal(got[i]!.rawCum, parsePprofValue(row.cum, `row ${i + 1}`), `row ${i + 1} cum`);
    }
    assert.equal(await sampleTypeValue(frame), String(index));
    assert.equal(await frame.locator('[data-testid="filter-focus"]').inputValue(), 'main');
  });
  return outcomes;
}
