// A profile whose every string is hostile (HTML, script, javascript: URLs, bidi controls, 100 KB
// names; test/webview/xss-profile.ts) in a real VS Code: every tab of the profile editor with the
// flame tooltip, the inline hint and hover of a source file it covers, and its Recent Profiles row
// and tooltip. Asserted: strings shown literally, no dialog in any frame, no request off
// code-server's origin, and the extension's own CSP violation count (webview → host, read from
// the hidden goProfiler.cspViolations command's log line) is zero for the hostile panels and
// counts a violation deliberately provoked in a probe panel (so zero means something).
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync, mkdirSync, writeFileSync, copyFileSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page, Request } from 'playwright-core';
import { activeWebview, openFromExplorer, runCommand, screenshot } from '../../../scripts/vscode/workbench';
import { cspCountsKey } from '../../../scripts/vscode/run-dir';
import { WorkerHandlers } from '../../../src/worker/worker-handlers';
import type { StackTreeView } from '../../../src/shared/view-model';
import { parseSidecar, type ProfileSidecar } from '../../../src/store/sidecar';
import { HOSTILE, HOSTILE_FRAMES, HOSTILE_META, writeEveryStringHostileProfile, writeHostileProfile } from '../../webview/xss-profile';
import { nodeNamed, pointInFrame } from '../../webview/flame-geometry';
import type { StepOutcome } from './profile-editor.scenario';
import { runStep } from './run-step';
import { eventually } from '../../support/eventually';

/** UI steps wait up to 30 s (the workbench in a browser is slower than the extension host). */
const until = <T>(what: string, probe: () => T | undefined | Promise<T | undefined>, limitMs = 30_000): Promise<T> =>
  eventually(what, probe, limitMs);

const DIR = 'hostile';
/** The profile's own file name is hostile too. */
const PROFILE = '<img src=x onerror=alert(14)>.pb.gz';
/**
 * A source file at the root frame's path ("javascript:alert(5)//main.go", cleaned to one slash):
 * directory and file name, so the source mapping's suffix rule maps the profile onto it.
 */
const SOURCE = 'javascript:alert(5)/main.go';
const PROBE = 'csp-probe.pb.gz';
const PROGRAM = 'main.</script><b>bold</b><img src=x onerror=alert(15)>';
const STORED = 'hostile-cpu-20261122T000000Z';
/** The hidden command's key (the harness writes it to the user's keybindings.json). */
const COUNTS_KEY = cspCountsKey.playwright;
const BLOCKED_URL = 'https://example.invalid/csp-probe.png';

interface Dirs {
  readonly workspace: string;
  readonly userData: string;
}

interface CountsReport {
  readonly total: number;
  readonly panels: readonly { panel: number; profile: string; open: boolean; violations: number; last?: string }[];
}

function show(s: string | null | undefined): string {
  return JSON.stringify((s ?? '').slice(0, 80));
}

/** The profiles folder this scenario points goProfiler.profilesFolder at (workspace settings). */
const STORE = 'hostile-store';

/**
 * Points the workspace's goProfiler.profilesFolder at STORE; the returned function puts the
 * workspace settings back as they were (later suites use the default folder).
 */
function useProfilesFolder(workspace: string): () => void {
  const dir = join(workspace, '.vscode');
  const file = join(dir, 'settings.json');
  const before = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  const settings = before ? (JSON.parse(before) as Record<string, unknown>) : {};
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify({ ...settings, 'goProfiler.profilesFolder': join(workspace, STORE) }, null, 2));
  return () => (before === undefined ? rmSync(file, { force: true }) : writeFileSync(file, before));
}

function prepare(dirs: Dirs): void {
  const dir = join(dirs.workspace, DIR);
  mkdirSync(dir, { recursive: true });
  writeEveryStringHostileProfile(join(dir, PROFILE));
  writeHostileProfile(join(dir, PROBE));
  // The root frame is on line 3 of its file.
  mkdirSync(join(dir, SOURCE, '..'), { recursive: true });
  writeFileSync(join(dir, SOURCE), 'package main\n\nfunc main() { hostile() }\n\nfunc hostile() {}\n');
  // The same profile in the profiles folder, with a sidecar whose program and Go version are hostile.
  const profiles = join(dirs.workspace, STORE);
  mkdirSync(profiles, { recursive: true });
  copyFileSync(join(dir, PROFILE), join(profiles, `${STORED}.pb.gz`));
  const sidecar: ProfileSidecar = {
    version: 1,
    program: PROGRAM,
    args: ['<script>alert(16)</script>'],
    goVersion: 'go1.22 javascript:alert(17)',
    capture: { kind: 'cpu', source: 'import' },
    startedAt: '2026-11-22T00:00:00Z',
    endedAt: '2026-11-22T00:00:01Z',
    savedAt: '2026-11-22T00:00:01Z',
    profileFile: `${STORED}.pb.gz`,
  };
  const text = JSON.stringify(sidecar, null, 2);
  parseSidecar(text, 'the scenario’s sidecar');
  writeFileSync(join(profiles, `${STORED}.json`), text);
}

/** The extension's log files of this window (LogOutputChannel "Go Profiler"). */
function extensionLogs(userData: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number): void => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        if (depth < 4) walk(p, depth + 1);
      } else if (name === 'Go Profiler.log' && dir.endsWith('go-profiler.go-profiler')) {
        out.push(p);
      }
    }
  };
  walk(join(userData, 'logs'), 0);
  return out;
}

function logText(userData: string): string {
  return extensionLogs(userData)
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
}

/** Runs the hidden command by its key and reads the counts it logs. */
async function readCounts(page: Page, userData: string): Promise<CountsReport> {
  const prefix = 'CSP violation counts: ';
  const before = logText(userData).split(prefix).length;
  await page.locator('.part.statusbar').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press(COUNTS_KEY);
  return until('the counts in the extension log', () => {
    const parts = logText(userData).split(prefix);
    if (parts.length <= before) {
      void page.keyboard.press(COUNTS_KEY);
      return undefined;
    }
    return JSON.parse(parts[parts.length - 1]!.split('\n')[0]!) as CountsReport;
  });
}

async function profileFrame(page: Page): Promise<FrameLocator> {
  const frame = await activeWebview(page);
  await frame.locator('[data-testid="sample-type-select"]').waitFor({ state: 'visible', timeout: 60_000 });
  return frame;
}

function flameView(file: string): StackTreeView {
  const handlers = new WorkerHandlers();
  const opened = handlers.answer({ kind: 'request', id: 0, method: 'open', params: { bytes: readFileSync(file), source: PROFILE, maxInflatedBytes: 1 << 30 } });
  if (!opened.ok || opened.method !== 'open') throw new Error(`cannot open ${file}`);
  const r = handlers.answer({ kind: 'request', id: 1, method: 'flame', params: { sampleIndex: opened.result.defaultSampleTypeIndex } });
  if (!r.ok || r.method !== 'flame') throw new Error('no flame tree');
  return r.result;
}

/** Elements a profile string could have made, in the webview (their markup, for the message). */
async function injected(frame: FrameLocator): Promise<string[]> {
  return frame
    .locator('#app img, #app b, #app iframe, #app script, #app a[href^="javascript"], body > img, body > b')
    .evaluateAll((els) => els.map((e) => (e as unknown as { outerHTML: string }).outerHTML.slice(0, 120)));
}

export async function runHostileProfileScenario(page: Page, dirs: Dirs): Promise<StepOutcome[]> {
  const outcomes: StepOutcome[] = [];
  const step = (title: string, shot: string, body: () => Promise<void>): Promise<void> => runStep(outcomes, page, `hostile-${shot}`, title, body);
  const dialogs: string[] = [];
  const requests: string[] = [];
  const origin = new URL(page.url()).origin;
  const onDialog = (d: { message(): string; dismiss(): Promise<void> }): void => {
    dialogs.push(d.message());
    void d.dismiss();
  };
  let seenRequests = 0;
  const foreign: Request[] = [];
  const onRequest = (r: Request): void => {
    seenRequests++;
    const url = r.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin === origin) return;
    foreign.push(r);
    let from = 'a worker';
    try {
      from = r.frame().url().slice(0, 60);
    } catch {
      // a service worker's request has no frame
    }
    requests.push(`${from} -> ${url}`);
  };
  // Dialogs of every frame of the page (webviews are frames of it) and requests of the page,
  // its frames, workers and the webviews' service worker.
  page.on('dialog', onDialog);
  page.context().on('request', onRequest);

  let restoreSettings: () => void = () => undefined;
  try {
    prepare(dirs);
    restoreSettings = useProfilesFolder(dirs.workspace);
  } catch (e) {
    return [{ title: 'hostile profile: prepare the workspace', state: 'failed', error: e instanceof Error ? e.message : String(e) }];
  }
  await runCommand(page, 'View: Close All Editors').catch(() => undefined);
  await runCommand(page, 'File: Refresh Explorer').catch(() => undefined);
  const view = flameView(join(dirs.workspace, DIR, PROFILE));

  await step('hostile profile: the flame graph’s tooltip shows every name and file literally', 'flame', async () => {
    await openFromExplorer(page, `${DIR}/${PROFILE}`);
    const frame = await profileFrame(page);
    const meta = await frame.locator('[data-testid="profile-meta"] dd').allTextContents();
    assert.ok(meta.includes(PROFILE), `the file name is shown literally: ${meta.map(show).join(' | ')}`);
    for (const c of HOSTILE_META.comments) assert.ok(meta.includes(c), `comment ${show(c)}`);
    await frame.locator('[data-testid="tab-flame"]').click();
    const canvas = frame.locator('.gp-flame-canvas');
    await canvas.waitFor({ state: 'visible', timeout: 60_000 });
    for (const f of HOSTILE_FRAMES) {
      const node = nodeNamed(view, f.name);
      const box = await canvas.boundingBox();
      assert.ok(box, 'the flame canvas has a box');
      const p = pointInFrame(view, node, box);
      await page.mouse.move(p.x, p.y + 40);
      await page.mouse.move(p.x, p.y);
      const name = frame.locator('.gp-flame-tooltip:not([hidden]) .gp-name');
      await name.waitFor({ state: 'visible', timeout: 10_000 });
      const shown = await until(`the tooltip of ${show(f.name)}`, async () => {
        const t = await name.textContent();
        return t === f.name ? t : undefined;
      }, 10_000).catch(async () => name.textContent());
      assert.ok(shown === f.name, `tooltip ${show(shown)} (${shown?.length}) is ${show(f.name)} (${f.name.length})`);
      const file = view.frames[view.frame[node]!]!.file;
      assert.equal(await frame.locator('.gp-flame-tooltip .gp-file').textContent(), `${file}:${f.line}`);
    }
    const leaf = pointInFrame(view, nodeNamed(view, HOSTILE.leafA.name), (await canvas.boundingBox())!);
    await page.mouse.move(leaf.x, leaf.y);
    assert.deepEqual(await injected(frame), [], 'no element made from a string');
  });

  await step('hostile profile: top table, call tree and call graph list every name literally (no goroutines tab)', 'views', async () => {
    const frame = await profileFrame(page);
    const want = HOSTILE_FRAMES.map((f) => f.name).sort();
    await frame.locator('[data-testid="tab-top"]').click();
    await frame.locator('[data-testid="top-row"]').first().waitFor({ state: 'visible', timeout: 60_000 });
    assert.deepEqual((await frame.locator('td[data-col="name"]').allTextContents()).sort(), want);
    await screenshot(page, 'hostile-top');
    await frame.locator('[data-testid="tab-tree"]').click();
    await frame.locator('[data-testid="expand-hot-path"]').click();
    await frame.locator('[data-testid="peek-name"]').waitFor({ state: 'visible', timeout: 60_000 });
    const tree = (await frame.locator('[data-testid="tree-row"] td[data-col="name"]').allTextContents()).map((t) => t.replace(/^[▸▾]/, ''));
    for (const n of want) assert.ok(tree.includes(n), `tree row ${show(n)}`);
    await screenshot(page, 'hostile-tree');
    await frame.locator('[data-testid="tab-callgraph"]').click();
    await frame.locator('[data-testid="callgraph-svg"] g.cg-node').first().waitFor({ state: 'visible', timeout: 120_000 });
    const titles = await frame.locator('[data-testid="callgraph-svg"] g.cg-node > title').allTextContents();
    assert.deepEqual(titles.map((t) => t.split('\n')[0]!).sort(), want);
    assert.equal(await frame.locator('[data-testid="tab-goroutines"]').isVisible(), false, 'no Goroutines tab for a CPU profile');
    assert.deepEqual(await injected(frame), [], 'no element made from a string');
  });

  await step('hostile profile: the inline hint and the hover of a source file it covers show names literally', 'hover', async () => {
    // Other scenarios leave examples/hotspots/main.go expanded: collapse, so the explorer's
    // first main.go on the way down is ours.
    await runCommand(page, 'Collapse Folders in Explorer');
    await openFromExplorer(page, `${DIR}/${SOURCE}`);
    assert.match((await page.locator('.breadcrumbs-control').first().textContent()) ?? '', /javascript:alert\(5\)/, 'the hostile folder’s main.go is open');
    const editor = page.locator('.editor-group-container.active .monaco-editor');
    await until('the inline hint on the hot line', async () => {
      const contents = await editor.locator('.view-lines .view-line span').evaluateAll((spans) =>
        spans.map((s) => (globalThis as unknown as { getComputedStyle(e: unknown, p: string): { content: string } }).getComputedStyle(s, '::after').content),
      );
      return contents.some((c) => c.includes('%')) ? true : undefined;
    });
    await runCommand(page, 'Go to Line/Column');
    await page.keyboard.type(`${HOSTILE.root.line}:3`);
    await page.keyboard.press('Enter');
    await runCommand(page, 'Show or Focus Hover');
    const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'Reveal in the profile' }).first();
    await hover.waitFor({ state: 'visible', timeout: 20_000 });
    const text = (await hover.textContent()) ?? '';
    // The hover names the shown sample type (cpu, the default), the function and its callees.
    for (const s of [PROFILE, HOSTILE.root.name, HOSTILE.leafA.name, HOSTILE.leafB.name]) assert.ok(text.includes(s), `hover shows ${show(s)}: ${show(text)}`);
    assert.equal(await hover.locator('img, b, script, iframe').count(), 0, 'no element made from a name in the hover');
    const links = await hover.locator('a').evaluateAll((as) => as.map((a) => (a as unknown as { getAttribute(n: string): string | null }).getAttribute('data-href') ?? ''));
    assert.ok(links.length >= 1 && links.every((h) => h.startsWith('command:goProfiler.revealFunction')), `hover links: ${links.join(' | ')}`);
  });

  await step('hostile profile: its Recent Profiles row and tooltip show the program literally', 'recent', async () => {
    // Close the editor hover of the previous step (it has focus).
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Go Profiler: Focus on Recent Profiles View');
    await runCommand(page, 'Go Profiler: Refresh Recent Profiles');
    const row = page
      .locator('.pane', { has: page.locator('.pane-header', { hasText: /recent profiles/i }) })
      .locator('.monaco-list-row')
      .filter({ hasText: PROGRAM })
      .first();
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(await row.locator('.label-name').textContent(), `cpu · ${PROGRAM}`);
    const tip = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'go1.22' }).first();
    // The tooltip shows on a fresh mouse-over of the row (after the workbench's hover delay).
    await until('the row’s tooltip', async () => {
      await page.mouse.move(1, 1);
      await row.hover();
      return tip.waitFor({ state: 'visible', timeout: 4_000 }).then(() => true, () => undefined);
    }).catch(async (e: unknown) => {
      const seen = await page.locator('.monaco-hover, .workbench-hover, [role="tooltip"]').allTextContents();
      throw new Error(`no tooltip with the Go version; hovers shown: ${JSON.stringify(seen)} (${String(e).split('\n')[0]})`);
    });
    const text = (await tip.textContent()) ?? '';
    for (const s of [PROGRAM, 'go1.22 javascript:alert(17)', `${STORED}.pb.gz`]) assert.ok(text.includes(s), `tooltip shows ${show(s)}: ${show(text)}`);
    assert.equal(await tip.locator('img, b, script, iframe, a').count(), 0, 'no element made from a string in the tooltip');
    await screenshot(page, 'hostile-recent-tooltip');
    await row.click();
    const frame = await profileFrame(page);
    assert.deepEqual(await injected(frame), []);
  });

  await step('CSP violations counted by the extension: 0 for the hostile panels, and a provoked one in a probe panel is counted', 'csp', async () => {
    await openFromExplorer(page, `${DIR}/${PROBE}`);
    const probe = await profileFrame(page);
    const handle = await probe.locator('body').elementHandle();
    const frame = await handle?.ownerFrame();
    assert.ok(frame, 'the probe webview’s frame');
    await frame.evaluate((url) => {
      const d = (globalThis as unknown as { document: { createElement(t: string): { src: string }; body: { append(e: unknown): void } } }).document;
      const img = d.createElement('img');
      img.src = url;
      d.body.append(img);
    }, BLOCKED_URL);
    const report = await until('the probe’s violation counted', async () => {
      const r = await readCounts(page, dirs.userData);
      return r.panels.some((p) => p.profile === PROBE && p.violations > 0) ? r : undefined;
    });
    const hostile = report.panels.filter((p) => p.profile === PROFILE || p.profile === `${STORED}.pb.gz`);
    assert.ok(hostile.length >= 2, `panels of the hostile profile: ${JSON.stringify(report.panels)}`);
    assert.deepEqual(hostile.map((p) => p.violations), hostile.map(() => 0), JSON.stringify(report.panels));
    const counted = report.panels.find((p) => p.profile === PROBE);
    assert.equal(counted?.violations, 1, JSON.stringify(report.panels));
    assert.match(counted?.last ?? '', /img-src blocked https:\/\/example\.invalid\/csp-probe\.png/);
    assert.match(logText(dirs.userData), /\[warning\] CSP violation in csp-probe\.pb\.gz \(panel \d+\): img-src blocked https:\/\/example\.invalid\/csp-probe\.png/);
    console.log(`hostile profile: CSP violations ${JSON.stringify(report.panels.map((p) => [p.profile.slice(0, 40), p.violations]))}`);
  });

  await step('hostile profile: no dialog in any frame, no request off code-server’s origin', 'end', async () => {
    page.off('dialog', onDialog);
    page.context().off('request', onRequest);
    assert.deepEqual(dialogs, []);
    // Webview resources (https://*.vscode-resource.vscode-cdn.net/…) are answered by the
    // webview's service worker from code-server, never fetched from that host; the probe's image
    // is blocked by the CSP before it leaves. Anything else off the origin fails the step.
    const others: string[] = [];
    let fromServiceWorker = 0;
    for (const [i, r] of foreign.entries()) {
      if (r.url() === BLOCKED_URL) continue;
      const response = await r.response().catch(() => null);
      if (response?.fromServiceWorker()) fromServiceWorker++;
      else others.push(`${requests[i]} (${response ? `status ${response.status()}` : (r.failure()?.errorText ?? 'no response')})`);
    }
    assert.deepEqual(others, []);
    console.log(`hostile profile: ${dialogs.length} dialogs; ${seenRequests} requests seen, ${foreign.length} to other origins: ${fromServiceWorker} answered by the webview service worker, ${foreign.length - fromServiceWorker - others.length} blocked by the CSP (the probe), ${others.length} left the browser`);
  });
  restoreSettings();
  return outcomes;
}
