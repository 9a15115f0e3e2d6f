// Editor hints seen like a user sees them in a real VS Code: a colleague's heap profile of
// examples/ and the matching source; the inline hint text and the fire gutter icon on the lines
// `go tool pprof -list` reports as hottest; the hints follow the sample type chosen in the
// profile editor; a double-click in the top table opens the mapped source line.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { activeWebview, openFromExplorer, runCommand, waitForActiveTab } from '../../../scripts/vscode/workbench';
import { repoRoot } from '../../../scripts/vscode/paths';
import { chooseSampleType } from './table-reader';
import type { StepOutcome } from './profile-editor.scenario';
import { runStep as step } from './run-step';
import { eventually } from '../../support/eventually';

/** UI steps wait up to 30 s (the workbench in a browser is slower than the extension host). */
const until = <T>(what: string, probe: () => T | undefined | Promise<T | undefined>, limitMs = 30_000): Promise<T> =>
  eventually(what, probe, limitMs);

const PROFILE = 'editor-hints/hotspots.heap.pb.gz';

/** The demo module at examples/ and the heap profile at editor-hints/ in the opened folder. */
function prepare(workspace: string): void {
  const to = join(workspace, 'examples');
  if (!existsSync(join(to, 'go.mod'))) {
    mkdirSync(to, { recursive: true });
    cpSync(join(repoRoot, 'examples', 'go.mod'), join(to, 'go.mod'));
    cpSync(join(repoRoot, 'examples', 'hotspots'), join(to, 'hotspots'), { recursive: true });
  }
  mkdirSync(join(workspace, 'editor-hints'), { recursive: true });
  cpSync(join(repoRoot, 'examples', 'profiles', 'hotspots.heap.pb.gz'), join(workspace, PROFILE));
}

/** Lines of `rel` (e.g. "hotspots/alloc.go") with pprof -list's cum share of the total, in %. */
function pprofShares(workspace: string, sampleIndex: string | undefined, rel: string): Map<number, number> {
  const profile = join(workspace, PROFILE);
  const raw = execFileSync('go', ['tool', 'pprof', '-symbolize=none', '-raw', profile], { encoding: 'utf8' });
  const trim = /(\/\S*\/home\/alice\/src\/hotspots)\//.exec(raw)?.[1];
  assert.ok(trim, 'the profile was captured under /…/home/alice/src/hotspots');
  const home = mkdtempSync(join(tmpdir(), 'editor-hints-ui-'));
  const out = execFileSync(
    'go',
    ['tool', 'pprof', '-symbolize=none', '-list=.', '-unit=B', ...(sampleIndex ? [`-sample_index=${sampleIndex}`] : []), `-source_path=${join(workspace, 'examples')}`, `-trim_path=${trim}`, profile],
    { encoding: 'utf8', env: { ...process.env, HOME: home, PPROF_TMPDIR: home } },
  );
  const total = Number(/^Total: (\d+)B$/m.exec(out)?.[1]);
  assert.ok(total > 0, 'pprof printed the total');
  const shares = new Map<number, number>();
  let inFile = false;
  for (const text of out.split('\n')) {
    const routine = /^ROUTINE =+ .* in (.+)$/.exec(text);
    if (routine) inFile = routine[1] === rel;
    const m = inFile ? /^\s*(\S+)\s+(\d+)B\s+(\d+):/.exec(text) : null;
    if (m) shares.set(Number(m[3]), (shares.get(Number(m[3])) ?? 0) + (Number(m[2]) / total) * 100);
  }
  return shares;
}

interface ShownLine {
  readonly line: number;
  readonly hint: string;
  readonly fire: boolean;
}

/**
 * What the visible editor shows: per line number, the injected hint text (the decoration's
 * ::after content) and whether the gutter shows our fire icon. No named helpers inside the page
 * function: the bundler would wrap them in a helper the page does not have.
 */
async function shownHints(page: Page): Promise<ShownLine[]> {
  const raw = await page.evaluate(() => {
    type El = { getBoundingClientRect(): { top: number }; textContent: string | null };
    const g = globalThis as unknown as {
      document: { querySelector(s: string): { querySelectorAll(s: string): El[] } | null };
      getComputedStyle(el: El, pseudo?: string): { content: string; backgroundImage: string };
    };
    const editor = g.document.querySelector('.editor-group-container.active .monaco-editor');
    if (!editor) return { numbers: [], hints: [], fires: [] };
    return {
      numbers: [...editor.querySelectorAll('.margin-view-overlays .line-numbers')].map((n) => ({ top: n.getBoundingClientRect().top, line: Number(n.textContent) })),
      hints: [...editor.querySelectorAll('.view-lines .view-line span')]
        .map((span) => ({ top: span.getBoundingClientRect().top, content: g.getComputedStyle(span, '::after').content }))
        .filter((h) => h.content.includes('%')),
      fires: [...editor.querySelectorAll('.cgmr')]
        .filter((el) => /fire-(light|dark)\.svg/.test(g.getComputedStyle(el).backgroundImage))
        .map((el) => el.getBoundingClientRect().top),
    };
  });
  const lineAt = (top: number): number => raw.numbers.find((n) => Math.abs(n.top - top) < 3)?.line ?? 0;
  const out = new Map<number, ShownLine>();
  for (const h of raw.hints) {
    const line = lineAt(h.top);
    out.set(line, { line, hint: h.content.replace(/^"|"$/g, ''), fire: out.get(line)?.fire ?? false });
  }
  for (const top of raw.fires) {
    const line = lineAt(top);
    out.set(line, { line, hint: out.get(line)?.hint ?? '', fire: true });
  }
  return [...out.values()].filter((e) => e.line > 0).sort((a, b) => a.line - b.line);
}

/** Hot lines (pprof share ≥ 10%) must show a red hint with the share and the fire icon; others a grey hint or none. */
function checkAgainstPprof(shown: readonly ShownLine[], shares: Map<number, number>): string | undefined {
  for (const [line, share] of shares) {
    if (share < 1) continue;
    const s = shown.find((x) => x.line === line);
    if (!s || !s.hint.includes(`${share.toFixed(2)}%`)) return `line ${line}: expected a hint with ${share.toFixed(2)}%, saw ${JSON.stringify(s)}`;
    if (share >= 10 !== s.fire) return `line ${line} (${share.toFixed(2)}%): fire icon ${s.fire}`;
  }
  for (const s of shown) if (!shares.has(s.line)) return `line ${s.line} has a hint but pprof costs nothing there`;
  return undefined;
}

async function matches(page: Page, what: string, shares: Map<number, number>): Promise<void> {
  let last: string | undefined = 'nothing shown';
  try {
    await until(`hints in ${what}`, async () => {
      const shown = await shownHints(page);
      last = shown.length === 0 ? 'nothing shown' : checkAgainstPprof(shown, shares);
      return last === undefined ? true : undefined;
    });
  } catch {
    assert.fail(`${what}: ${last}`);
  }
}

async function profileFrame(page: Page): Promise<FrameLocator> {
  const frame = await activeWebview(page);
  await frame.locator('[data-testid="sample-type-select"]').waitFor({ state: 'visible', timeout: 30_000 });
  return frame;
}

async function focusTab(page: Page, name: string): Promise<void> {
  await page.locator('.tabs-container .tab', { has: page.locator('.label-name', { hasText: name }) }).first().click();
  await waitForActiveTab(page, name);
}

export async function runEditorHintsScenario(page: Page, workspace: string): Promise<StepOutcome[]> {
  const outcomes: StepOutcome[] = [];
  prepare(workspace);
  // The files appeared after the workbench loaded: have the explorer list them now.
  await runCommand(page, 'File: Refresh Explorer').catch(() => undefined);
  await step(outcomes, page, 'editor-hints-alloc-default', 'hint text and fire icons on the lines pprof -list reports as hottest (heap profile from another path)', async () => {
    await openFromExplorer(page, PROFILE);
    await profileFrame(page);
    await openFromExplorer(page, 'examples/hotspots/alloc.go');
    // The profile's default sample type, as pprof picks it (alloc_space for this file).
    const shares = pprofShares(workspace, undefined, 'hotspots/alloc.go');
    assert.ok([...shares.values()].some((s) => s >= 10), 'pprof reports a hot line in alloc.go');
    await matches(page, 'alloc.go', shares);
  });
  await step(outcomes, page, 'editor-hints-leak-inuse', 'choosing inuse_space in the profile editor changes the hints (alloc.go: none; leak.go: pprof’s inuse lines)', async () => {
    await focusTab(page, 'hotspots.heap.pb.gz');
    const frame = await profileFrame(page);
    await chooseSampleType(frame, 3);
    await focusTab(page, 'alloc.go');
    await until('alloc.go without hints', async () => ((await shownHints(page)).length === 0 ? true : undefined));
    await openFromExplorer(page, 'examples/hotspots/leak.go');
    await matches(page, 'leak.go', pprofShares(workspace, 'inuse_space', 'hotspots/leak.go'));
  });
  await step(outcomes, page, 'editor-hints-jump', 'a double-click in the top table opens the mapped source at the function', async () => {
    await focusTab(page, 'leak.go');
    await page.keyboard.press('Control+w');
    await focusTab(page, 'hotspots.heap.pb.gz');
    const frame = await profileFrame(page);
    await frame.locator('[data-testid="tab-top"]').click();
    const row = frame.locator('[data-testid="top-row"]', { hasText: 'hotspots.leakWorkers' }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await row.dblclick();
    await waitForActiveTab(page, 'leak.go');
    // func leakWorkers starts on line 5 of examples/hotspots/leak.go.
    const selection = page.locator('.statusbar-item[id="status.editor.selection"]');
    await until('the cursor on line 5', async () => (/Ln 5\b/.test((await selection.textContent()) ?? '') ? true : undefined));
  });
  return outcomes;
}
