// The UI scenario of the profile editor, driven in a real VS Code like a user: open profiles from
// the explorer, read the top table, switch the sample type, open a corrupt file. Every number
// is compared with `go tool pprof -top` on the same file.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import {
  activeWebview,
  answerFileDialog,
  openFromExplorer,
  runCommand,
  screenshot,
  waitForActiveTab,
} from '../../../scripts/vscode/workbench';
import { exactUnit, pprofSampleTypes, pprofTags, pprofTop, rawNumber, type TopOptions, type TopRow } from './pprof-top';
import { chooseSampleType, countTopRows, readTopRows, sampleTypeValue, type UiRow } from './table-reader';

export interface ScenarioFiles {
  /** Workspace-relative paths (slash separated) of the files the scenario opens. */
  cpu: string;
  heap: string;
  corrupt: string;
}

export interface StepOutcome {
  title: string;
  state: 'passed' | 'failed';
  error?: string;
  /** How long the step took, for the log only. */
  ms?: number;
}

/** How many leading rows of the table are compared with pprof. */
const comparedRows = 5;

interface Expected {
  formatted: TopRow[];
  raw: TopRow[];
}

/** What the request means to pprof: a file, its options, and the -unit that prints exact values. */
interface Reference {
  file: string;
  opts: TopOptions;
  exactUnit: string | undefined;
}

/**
 * pprof -top for the same rows the editor lists. The row count matters beyond the compared rows:
 * pprof prints the whole table in one unit, chosen from the smallest value it shows.
 */
function expectedTop(ref: Reference, shownRows: number): Expected {
  const nodeCount = Math.max(shownRows, 1);
  const formatted = pprofTop(ref.file, { ...ref.opts, nodeCount }).slice(0, comparedRows);
  const raw = ref.exactUnit ? pprofTop(ref.file, { ...ref.opts, nodeCount: comparedRows, unit: ref.exactUnit }) : formatted;
  return { formatted, raw };
}

function describeRows(rows: readonly (UiRow | TopRow)[]): string {
  return rows.map((r) => `  ${r.flat} ${r.flatPct} ${r.sumPct} ${r.cum} ${r.cumPct} ${r.name}`).join('\n');
}

function assertSameTop(ui: UiRow[], want: Expected): void {
  const n = Math.min(comparedRows, want.formatted.length);
  assert.ok(n > 0, 'go tool pprof printed no rows');
  const context = `\nVS Code table:\n${describeRows(ui.slice(0, n))}\ngo tool pprof -top:\n${describeRows(want.formatted.slice(0, n))}`;
  assert.ok(ui.length >= n, `the table shows ${ui.length} rows, pprof ${n}${context}`);
  for (let i = 0; i < n; i++) {
    const got = ui[i]!;
    const ref = want.formatted[i]!;
    const raw = want.raw[i]!;
    const where = `row ${i + 1}${context}`;
    assert.equal(got.name, ref.name, `name, ${where}`);
    assert.equal(got.flat, ref.flat, `flat, ${where}`);
    assert.equal(got.flatPct, ref.flatPct, `flat%, ${where}`);
    assert.equal(got.sumPct, ref.sumPct, `sum%, ${where}`);
    assert.equal(got.cum, ref.cum, `cum, ${where}`);
    assert.equal(got.cumPct, ref.cumPct, `cum%, ${where}`);
    assert.equal(got.rawFlat, rawNumber(raw.flat), `data-flat, ${where}`);
    assert.equal(got.rawCum, rawNumber(raw.cum), `data-cum, ${where}`);
  }
}

/**
 * Reads the table until its first row matches pprof's (the webview renders asynchronously), then
 * asserts the whole comparison on the last read, so a real mismatch fails with both tables.
 */
async function expectTop(frame: FrameLocator, ref: Reference, limitMs = 30_000): Promise<UiRow[]> {
  const deadline = Date.now() + limitMs;
  const byRowCount = new Map<number, Expected>();
  let rows: UiRow[] = [];
  let want: Expected | undefined;
  let readError: unknown;
  for (;;) {
    let shown = 0;
    try {
      shown = await countTopRows(frame);
      rows = await readTopRows(frame, comparedRows);
    } catch (e) {
      readError = e;
      rows = [];
    }
    want = byRowCount.get(shown) ?? expectedTop(ref, shown);
    byRowCount.set(shown, want);
    const top = rows[0];
    const first = want.formatted[0];
    const settled = top && first && top.name === first.name && top.flat === first.flat;
    if (settled || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  if (rows.length === 0 && readError) throw readError;
  assertSameTop(rows, want);
  return rows;
}

/** The visible profile editor's frame, once it shows a profile (or an error). */
async function profileFrame(page: Page): Promise<FrameLocator> {
  const frame = await activeWebview(page);
  await frame
    .locator('[data-testid="profile-meta"], [data-testid="top-row"], [data-testid="profile-error"]')
    .first()
    .waitFor({ state: 'attached', timeout: 60_000 });
  return frame;
}

/** Clicks the "Top" tab when the editor has tabs (it may open on another view), then waits for rows. */
async function showTopTable(frame: FrameLocator): Promise<void> {
  const tab = frame.locator('[data-testid="tab-top"]');
  if ((await tab.count()) > 0) await tab.click();
  await frame.locator('[data-testid="top-row"]').first().waitFor({ state: 'visible', timeout: 60_000 });
}

/** The function with the largest cum in `go tool pprof -top -cum` (the call graph's top node). */
function pprofTopCumName(file: string): string {
  const out = execFileSync('go', ['tool', 'pprof', '-top', '-cum', '-nodecount=1', file], {
    encoding: 'utf8',
    env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '', PPROF_TMPDIR: process.env['TMPDIR'] ?? '/tmp' },
    maxBuffer: 1 << 26,
  });
  const lines = out.trimEnd().split('\n');
  const m = /^\s*\S+\s+\S+%\s+\S+%\s+\S+\s+\S+%\s+(.+)$/.exec(lines[lines.length - 1] ?? '');
  assert.ok(m?.[1], `go tool pprof -top -cum printed no row:\n${out}`);
  return m[1].trim();
}

export async function runProfileEditorScenario(page: Page, workspace: string, files: ScenarioFiles): Promise<StepOutcome[]> {
  const outcomes: StepOutcome[] = [];
  const step = async (title: string, body: () => Promise<void>): Promise<void> => {
    const started = Date.now();
    try {
      await body();
      outcomes.push({ title, state: 'passed', ms: Date.now() - started });
    } catch (e) {
      outcomes.push({ title, state: 'failed', ms: Date.now() - started, error: e instanceof Error ? e.message : String(e) });
      await screenshot(page, `failed-${title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(() => undefined);
    }
  };
  const abs = (rel: string): string => join(workspace, ...rel.split('/'));

  await step('a CPU profile opened from the explorer shows pprof’s top table', async () => {
    await openFromExplorer(page, files.cpu);
    const frame = await profileFrame(page);
    const errorShown = await frame.locator('[data-testid="profile-error"]').isVisible();
    assert.equal(errorShown, false, 'the editor shows an error for a valid CPU profile');
    await showTopTable(frame);
    await expectTop(frame, { file: abs(files.cpu), opts: {}, exactUnit: 'ns' });
    // textContent: the metadata may sit in a collapsed <details>.
    const meta = (await frame.locator('[data-testid="profile-meta"]').textContent()) ?? '';
    assert.match(meta, /cpu|nanoseconds/i, `profile metadata does not name the CPU sample type: ${meta}`);
    await screenshot(page, 'cpu-top-table');
  });

  await step('the CPU profile’s flame graph and call graph tabs render (call graph holds pprof’s top cum function)', async () => {
    const frame = await profileFrame(page);
    await frame.locator('[data-testid="tab-flame"]').click();
    await frame.locator('[data-testid="flame-view"] canvas').first().waitFor({ state: 'visible', timeout: 60_000 });
    await screenshot(page, 'cpu-flame-graph');
    await frame.locator('[data-testid="tab-callgraph"]').click();
    const nodes = frame.locator('[data-testid="callgraph-svg"] g.cg-node');
    await nodes.first().waitFor({ state: 'visible', timeout: 120_000 });
    const want = pprofTopCumName(abs(files.cpu));
    // Each node's <title> starts with its full function name (the label may be shortened).
    const titles = await frame.locator('[data-testid="callgraph-svg"] g.cg-node > title').allTextContents();
    const names = titles.map((t) => t.split('\n')[0]);
    assert.ok(names.includes(want), `no call graph node named ${want} (pprof -top -cum); nodes: ${names.slice(0, 10).join(', ')}`);
    await frame.locator('[data-testid="cg-fit"]').click();
    await screenshot(page, 'cpu-call-graph');
    await frame.locator('[data-testid="tab-top"]').click();
  });

  await step('a heap profile shows its default sample type, then another one when selected', async () => {
    await openFromExplorer(page, files.heap);
    const frame = await profileFrame(page);
    await showTopTable(frame);
    const { types, defaultIndex } = pprofSampleTypes(abs(files.heap));
    assert.ok(types.length > 1, `the heap profile has only the sample types ${types.join(', ')}`);
    await expectTop(frame, { file: abs(files.heap), opts: {}, exactUnit: exactUnit(types[defaultIndex]!) });
    assert.equal(await sampleTypeValue(frame), String(defaultIndex), 'the selector does not show pprof’s default sample type');
    await screenshot(page, 'heap-default-sample-type');
    const other = defaultIndex === types.length - 1 ? 0 : types.length - 1;
    await chooseSampleType(frame, other);
    assert.equal(await sampleTypeValue(frame), String(other));
    await expectTop(frame, { file: abs(files.heap), opts: { sampleIndex: other }, exactUnit: exactUnit(types[other]!) });
    await screenshot(page, `heap-${types[other]!.split('/')[0]}`);
  });

  await step('the heap profile’s Labels tab lists go tool pprof -tags; Group by this key regroups the flame graph', async () => {
    const frame = await profileFrame(page);
    const sampleIndex = Number(await sampleTypeValue(frame));
    const want = pprofTags(abs(files.heap), sampleIndex);
    assert.ok(want.size > 0, 'pprof -tags lists no label of the heap profile');
    await frame.locator('[data-testid="tab-labels"]').click();
    const [key, rows] = [...want.entries()][0]!;
    const section = frame.locator(`[data-testid="labels-key"][data-key="${key}"]`);
    await section.waitFor({ state: 'visible', timeout: 60_000 });
    const shown = await section.locator('[data-testid="labels-value"]').evaluateAll((trs) =>
      trs.map((tr) => ({
        value: tr.getAttribute('data-value') ?? '',
        total: tr.querySelector('[data-col="total"]')?.textContent ?? '',
        percent: tr.querySelector('[data-col="percent"]')?.textContent ?? '',
      })),
    );
    assert.deepEqual(shown.slice(0, rows.length), rows, `${key}: the Labels tab against go tool pprof -tags`);
    await screenshot(page, 'heap-labels');
    await section.locator('[data-testid="labels-group-root"]').click();
    await frame.locator('[data-testid="tab-flame"]').click();
    await frame.locator('[data-testid="flame-view"] canvas').first().waitFor({ state: 'visible', timeout: 60_000 });
    await screenshot(page, 'heap-flame-grouped-by-label');
    await frame.locator('[data-testid="filters-undo"]').click();
  });

  await step('a corrupt file shows an error that names the file', async () => {
    await openFromExplorer(page, files.corrupt);
    const frame = await profileFrame(page);
    const error = frame.locator('[data-testid="profile-error"]');
    await error.waitFor({ state: 'visible', timeout: 30_000 });
    const text = await error.innerText();
    const name = files.corrupt.split('/').pop() ?? files.corrupt;
    assert.ok(text.includes(name), `error text does not name ${name}: ${text}`);
    await screenshot(page, 'corrupt-file-error');
  });

  await step('Go Profiler: Import Profile… opens its copy in the profiles folder in the profile editor', async () => {
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Go Profiler: Import Profile');
    await answerFileDialog(page, abs(files.cpu));
    // The copy is named <program>-imported-<time>.pb.gz (the store's naming), so Recent Profiles lists it.
    await waitForActiveTab(page, '-imported-');
    const frame = await profileFrame(page);
    await showTopTable(frame);
    await expectTop(frame, { file: abs(files.cpu), opts: {}, exactUnit: 'ns' });
    await screenshot(page, 'import-command');
  });

  return outcomes;
}
