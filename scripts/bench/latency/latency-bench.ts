/**
 * The latency figures of issue 13, measured on the PACKAGED extension (.vsix) installed in a
 * real VS Code (code-server) driven by Chromium, clicked like a user:
 * - first open of a small profile, activation included, and activation itself;
 * - Heap / Goroutines / Stop CPU clicks in a Run with Profiler session -> flame painted;
 * - big heap profiles -> first flame painted, and the longest workbench/webview task meanwhile.
 * "Painted" is the flame view's own paint stamp; stalls are 'longtask' entries of every frame.
 * Not a test: the numbers depend on the machine and its load.
 */
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../../vscode/browser';
import { installVsix, startCodeServer, stopCodeServer, type CodeServer } from '../../vscode/code-server';
import { goBuildCacheEnv } from '../../vscode/go-cache';
import { packageVsix } from '../../vscode/package-vsix';
import { repoRoot } from '../../vscode/paths';
import { createRunDirs, writeUserSettings, type RunDirs } from '../../vscode/run-dir';
import { copyExamples } from '../../vscode/session-scenario';
import { sessionsRow } from '../../../test/integration/ui/capture-clicks.scenario';
import { explorerRow, openFromExplorer, runCommand, showExplorer, waitForWorkbench, workbenchUrl } from '../../vscode/workbench';
import type { BenchProfile } from '../generate';
import { median } from '../measure-process';
import { loggedActivations, type Activation } from './activation-log';
import { longestTask, observeLongTasks, pointerDownAt, waitForFlamePaint } from './observe';
import { prepareTraceWorkspace, traceEditorLatency } from './trace-latency';

export interface Figure {
  readonly what: string;
  readonly goal: string;
  /** One value per run, ms. */
  readonly samples: readonly number[];
  /** Longest task of the workbench or a webview during each run, ms (where measured). */
  readonly stalls?: readonly number[];
  readonly note?: string;
}

export interface LatencyInput {
  readonly small: string;
  readonly big: readonly { readonly profile: BenchProfile; readonly goal: string }[];
  readonly runs: number;
  readonly log: (message: string) => void;
  /** Only the parts whose name contains this ('first open', 'big profiles', 'session clicks', 'trace editor'). */
  readonly only?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function closeEditors(page: Page): Promise<void> {
  await runCommand(page, 'View: Close All Editors');
  await sleep(300);
}

interface Opened {
  /** Click -> first flame painted (the coarse tree of a big profile). */
  readonly ms: number;
  /** Click -> the whole tree painted. */
  readonly wholeMs: number;
  /** The longest task of any frame from the click to the whole tree's paint, and where it ran. */
  readonly stall: number;
  readonly where: string;
}

/** Double-clicks `<folder>/<name>` in the explorer (the folder expanded first); resolves to the click's time. */
async function clickInExplorer(page: Page, folderName: string, name: string): Promise<number> {
  await showExplorer(page);
  const folder = explorerRow(page, folderName);
  await folder.waitFor({ state: 'visible', timeout: 15_000 });
  if ((await folder.getAttribute('aria-expanded')) !== 'true') await folder.click();
  const row = explorerRow(page, name);
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  const before = Date.now();
  await row.dblclick();
  return pointerDownAt(page, before);
}

/** Double-clicks `profiles/<name>` in the explorer and times the flame's paints and the longest task meanwhile. */
async function openAndTime(page: Page, name: string, timeoutMs: number): Promise<Opened> {
  const clicked = await clickInExplorer(page, 'profiles', name);
  const painted = await waitForFlamePaint(page, clicked, timeoutMs);
  const whole = await waitForFlamePaint(page, clicked, timeoutMs, 'complete-at');
  const { longestMs, where } = await longestTask(page, clicked, whole);
  return { ms: painted - clicked, wholeMs: whole - clicked, stall: longestMs, where };
}

/** Clicks a Sessions row; resolves to click -> flame painted (ms). */
async function clickAndTime(page: Page, label: string): Promise<{ ms: number; stall: number }> {
  const row = sessionsRow(page, label);
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  const before = Date.now();
  await row.click();
  const clicked = await pointerDownAt(page, before);
  const painted = await waitForFlamePaint(page, clicked, 60_000);
  const { longestMs } = await longestTask(page, clicked, painted);
  return { ms: painted - clicked, stall: longestMs };
}

async function firstOpens(page: Page, dirs: RunDirs, input: LatencyInput): Promise<Figure[]> {
  const opens: number[] = [];
  for (let i = 0; i < input.runs; i++) {
    input.log(`latency: first open of a small profile, run ${i + 1}/${input.runs}`);
    if (i > 0) {
      await closeEditors(page);
      await runCommand(page, 'Developer: Reload Window');
      await waitForWorkbench(page);
    }
    // A user clicks a moment after the window is up, not while it is still starting.
    await sleep(4000);
    opens.push((await openAndTime(page, 'small.cpu.pb.gz', 60_000)).ms);
  }
  const activations: Activation[] = loggedActivations(dirs.userData);
  return [
    { what: 'first open of a small profile (activation included): click -> flame painted', goal: '≤ 500 ms', samples: opens },
    {
      what: 'activation as VS Code runs it (loading dist/extension.js -> activate() returned)',
      goal: '(VS Code\'s time included)',
      samples: activations.map((a) => a.totalMs),
      note: `loading code ${medianMs(activations, 'loadingMs')}, VS Code before activate() ${medianMs(activations, 'vscodeMs')}, activate() ${medianMs(activations, 'activateMs')} (medians of ${activations.length})`,
    },
    {
      what: "activation, the extension's own time (loading dist/extension.js + activate())",
      goal: '≤ 50 ms',
      samples: activations.map((a) => a.loadingMs + a.activateMs),
    },
  ];
}

function medianMs(activations: readonly Activation[], key: 'loadingMs' | 'vscodeMs' | 'activateMs'): string {
  return `${median(activations.map((a) => a[key])).toFixed(1)} ms`;
}

async function bigOpens(page: Page, input: LatencyInput): Promise<Figure[]> {
  const figures: Figure[] = [];
  // Run alone (--only), this is the window's first click: one a moment after it is up, not while it starts.
  await sleep(4000);
  for (const { profile, goal } of input.big) {
    const samples: number[] = [];
    const whole: number[] = [];
    const stalls: number[] = [];
    for (let i = 0; i < input.runs; i++) {
      input.log(`latency: ${profile.name}, run ${i + 1}/${input.runs}`);
      await closeEditors(page);
      const r = await openAndTime(page, `${profile.name}.pb.gz`, 180_000);
      samples.push(r.ms);
      whole.push(r.wholeMs);
      stalls.push(r.stall);
      input.log(`latency: ${profile.name}: first flame ${r.ms} ms, whole ${r.wholeMs} ms, longest task ${r.stall.toFixed(0)} ms (${r.where})`);
    }
    const what = `${profile.name} (${(statSync(profile.path).size / (1 << 20)).toFixed(1)} MB gzipped)`;
    figures.push(
      { what: `${what}: click -> first flame painted`, goal: `${goal}; no stall > 50 ms`, samples, stalls },
      { what: `${what}: click -> whole tree painted`, goal: '', samples: whole },
    );
  }
  return figures;
}

async function sessionClicks(page: Page, input: LatencyInput): Promise<Figure[]> {
  input.log('latency: Run with Profiler on examples/hotspots');
  await closeEditors(page);
  await openFromExplorer(page, 'examples/hotspots/main.go');
  const lens = page.locator('.codelens-decoration a', { hasText: '▶ Profile' }).first();
  await lens.waitFor({ state: 'visible', timeout: 60_000 });
  await lens.click();
  await sessionsRow(page, 'Start CPU Recording').waitFor({ state: 'visible', timeout: 240_000 });
  // Let the program allocate a little first: a heap captured at once can be empty.
  await sleep(3000);
  const heap: number[] = [];
  const goroutines: number[] = [];
  const cpu: number[] = [];
  const stalls: number[] = [];
  for (let i = 0; i < input.runs; i++) {
    input.log(`latency: session clicks, run ${i + 1}/${input.runs}`);
    // The capture panel the session opened stays open, as a user keeps it: each capture shows in it.
    for (const [label, into] of [['Capture Heap', heap], ['Capture Goroutines', goroutines]] as const) {
      const r = await clickAndTime(page, label);
      into.push(r.ms);
      stalls.push(r.stall);
    }
    await sessionsRow(page, 'Start CPU Recording').click();
    await sessionsRow(page, 'Stop CPU Recording').waitFor({ state: 'visible', timeout: 30_000 });
    await sleep(1500);
    const r = await clickAndTime(page, 'Stop CPU Recording');
    cpu.push(r.ms);
    stalls.push(r.stall);
  }
  await sessionsRow(page, 'Stop Session').click().catch(() => undefined);
  const goal = '≤ 300 ms';
  return [
    { what: 'session: Capture Heap click -> flame painted', goal, samples: heap },
    { what: 'session: Capture Goroutines click -> flame painted', goal, samples: goroutines },
    { what: 'session: Stop CPU Recording click -> flame painted', goal, samples: cpu, stalls },
  ];
}

function prepareWorkspace(dirs: RunDirs, input: LatencyInput): void {
  const profiles = join(dirs.workspace, 'profiles');
  mkdirSync(profiles, { recursive: true });
  copyFileSync(input.small, join(profiles, 'small.cpu.pb.gz'));
  for (const { profile } of input.big) copyFileSync(profile.path, join(profiles, `${profile.name}.pb.gz`));
  // Before the window opens: a folder added later may not reach the explorer in time.
  copyExamples(dirs.workspace);
  // The big files must open without the size question, as the figures are about decoding them.
  writeUserSettings(dirs.userData, { 'goProfiler.confirmOpenAboveMB': 0 });
}

/** Runs every measurement in one code-server and returns the figures (a failed part says why in its note). */
export async function benchLatency(input: LatencyInput): Promise<Figure[]> {
  const dirs = createRunDirs();
  const vsix = packageVsix({ quiet: true, out: join(dirs.root, 'go-profiler.vsix') }).file;
  installVsix(dirs, vsix);
  prepareWorkspace(dirs, input);
  const wants = (what: string): boolean => input.only === undefined || what.includes(input.only);
  const trace = wants('trace editor') ? await prepareTraceWorkspace(dirs.workspace) : undefined;
  let server: CodeServer | undefined;
  let browser: BrowserContext | undefined;
  const figures: Figure[] = [];
  let page: Page | undefined;
  const part = async (what: string, body: () => Promise<Figure[]>): Promise<void> => {
    if (!wants(what)) return;
    try {
      figures.push(...(await body()));
    } catch (e) {
      await page?.screenshot({ path: join(dirs.root, `${what.replace(/ /g, '-')}-failed.png`) }).catch(() => undefined);
      input.log(`latency: ${what} failed; screenshot in ${dirs.root}`);
      figures.push({ what, goal: '', samples: [], note: `failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` });
    }
  };
  try {
    server = await startCodeServer(dirs, { workspace: dirs.workspace, env: goBuildCacheEnv() });
    browser = await launchBrowser(dirs);
    await observeLongTasks(browser);
    const opened = await browser.newPage();
    page = opened;
    await opened.goto(workbenchUrl(server.url, dirs.workspace));
    await waitForWorkbench(opened);
    await part('first open', () => firstOpens(opened, dirs, input));
    await part('big profiles', () => bigOpens(opened, input));
    await part('session clicks', () => sessionClicks(opened, input));
    if (trace !== undefined) await part('trace editor', () => traceEditorLatency(opened, input, trace, closeEditors, clickInExplorer));
  } finally {
    await browser?.close().catch(() => undefined);
    if (server) await stopCodeServer(server, dirs);
  }
  return figures;
}

export const smallProfile = join(repoRoot, 'examples', 'profiles', 'hotspots.cpu.pb.gz');
