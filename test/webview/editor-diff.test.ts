/**
 * The profile editor in Chromium: opening source from every view, "Compare with…" on two
 * real allocation profiles of one program (a known regression), hostile names, empty profiles.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { StackTreeView } from '../../src/shared/view-model';
import { goEnv } from '../support/go-fixtures';
import { goPprofRaw, goPprofTop, type GoPprofTop } from '../support/go-pprof';
import { ensureResultsDir, launchBrowser, repoRoot, serve, watchPage } from './harness';
import type { TestBrowser, TestServer } from './harness';
import { bundleEditorPage, EditorHost, EditorSession } from './editor-driver';
import { HOSTILE, writeHostileProfile } from './xss-profile';

const ROW = 18;
const PROGRAM = join(repoRoot, 'test/fixtures/go-diff');

function flameOf(host: EditorHost, sampleIndex: number): StackTreeView {
  const r = host.handlers.answer({ kind: 'request', id: 0, method: 'flame', params: { sampleIndex } });
  if (!r.ok || r.method !== 'flame') throw new Error('no flame tree');
  return r.result;
}

function nodeNamed(view: StackTreeView, name: string): number {
  for (let n = 1; n < view.frame.length; n++) if (view.frames[view.frame[n]!]?.name === name) return n;
  throw new Error(`${name} is not in the flame tree`);
}

function leftOf(view: StackTreeView, node: number): number {
  if (node === 0) return 0;
  const p = view.parent[node]!;
  let x = leftOf(view, p) * view.total;
  for (let c = view.firstChild[p]!; c < node; c++) x += view.value[c]!;
  return x / view.total;
}

function depthOf(view: StackTreeView, node: number): number {
  let d = 0;
  for (let p = node; p > 0; p = view.parent[p]!) d++;
  return d;
}

async function flamePoint(page: Page, view: StackTreeView, node: number): Promise<{ x: number; y: number }> {
  const box = await page.$eval('.gp-flame-canvas', (c) => {
    const r = c.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width };
  });
  const width = (view.value[node]! / view.total) * box.width;
  return { x: box.x + leftOf(view, node) * box.width + Math.min(width / 2, 30), y: box.y + depthOf(view, node) * ROW + ROW / 2 };
}

/** `go tool pprof -raw`'s file and start line of a function ("... main.grow /x/main.go:18:0 s=16"). */
async function pprofFunctionSource(file: string, name: string): Promise<{ file: string; line: number }> {
  const raw = await goPprofRaw(file, ['-raw']);
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`\\s${escaped} (\\S+):\\d+:\\d+ s=(\\d+)`).exec(raw);
  if (!m) throw new Error(`${name} not in pprof -raw`);
  return { file: m[1]!, line: Number(m[2]) };
}

function sampleIndexOf(host: EditorHost, type: string): number {
  const i = host.summary.sampleTypes.findIndex((t) => t.type === type);
  if (i < 0) throw new Error(`no ${type}`);
  return i;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ensureResultsDir(), `editor-${name}.png`) });
}

describe('profile editor in Chromium: open source, compare, hostile names, empty profiles', () => {
  let browser: TestBrowser;
  let server: TestServer;
  let page: Page;
  let session: EditorSession;
  let seen: { dialogs: string[]; errors: string[] };
  let scratch: string;
  let basePath: string;
  let currentPath: string;
  let diffTop: GoPprofTop;

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'gp-editor-diff-'));
    basePath = join(scratch, 'base.pb.gz');
    currentPath = join(scratch, 'current.pb.gz');
    // One program, two runs: grow allocates 8x more in the second (a known regression).
    const options = { cwd: PROGRAM, env: goEnv(), stdio: 'pipe' as const };
    execFileSync('go', ['build', '-o', join(scratch, 'godiff'), '.'], options);
    execFileSync(join(scratch, 'godiff'), ['-grow=128', `-o=${basePath}`], options);
    execFileSync(join(scratch, 'godiff'), ['-grow=1024', `-o=${currentPath}`], options);
    diffTop = await goPprofTop(currentPath, { sampleIndex: 'alloc_space', base: basePath });
    server = await serve(await bundleEditorPage());
    browser = await launchBrowser();
    page = await browser.context.newPage();
    seen = watchPage(page);
    session = await EditorSession.create(page);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  test('double-click, Ctrl+click and Enter open the function’s source at pprof’s file and line', async () => {
    const host = new EditorHost(currentPath);
    const want = await pprofFunctionSource(currentPath, 'main.grow');
    assert.match(want.file, /go-diff\/main\.go$/);
    await session.open(server.url, host);
    const view = flameOf(host, host.summary.defaultSampleTypeIndex);
    const p = await flamePoint(page, view, nodeNamed(view, 'main.grow'));

    await page.mouse.dblclick(p.x, p.y);
    await session.idle();
    assert.deepEqual(host.last('openSource'), { kind: 'openSource', ...want });

    host.posted.length = 0;
    await page.keyboard.down('Control');
    await page.mouse.click(p.x, p.y);
    await page.keyboard.up('Control');
    await session.idle();
    assert.deepEqual(host.last('openSource'), { kind: 'openSource', ...want });

    await page.click('[data-testid="tab-top"]');
    await session.idle();
    host.posted.length = 0;
    await page.dblclick('[data-testid="top-row"]:has(td[data-col="name"]:text-is("main.grow"))');
    await session.idle();
    assert.deepEqual(host.last('openSource'), { kind: 'openSource', ...want });

    await page.click('[data-testid="tab-tree"]');
    await session.idle();
    // Bottom-up, the functions where allocations happen are the roots.
    await page.selectOption('[data-testid="tree-direction"]', 'bottom-up');
    await session.idle();
    host.posted.length = 0;
    const row = page.locator('[data-testid="tree-row"][data-name="main.grow"]').first();
    await row.click({ modifiers: ['Control'] });
    await session.idle();
    assert.deepEqual(host.last('openSource'), { kind: 'openSource', ...want });
  });

  test('Compare with…: the diff flame graph colours the regression red; top shows base, current, delta like pprof -base', async () => {
    const host = new EditorHost(currentPath);
    host.baseFile = basePath;
    await session.open(server.url, host);
    const allocSpace = sampleIndexOf(host, 'alloc_space');
    await page.selectOption('[data-testid="sample-type-select"]', String(allocSpace));
    await session.idle();
    await page.click('[data-testid="compare-with"]');
    await session.idle();
    assert.ok(host.last('compareWith'));
    assert.equal(await page.textContent('[data-testid="compare-base"]'), 'Δ vs base.pb.gz');
    assert.deepEqual(host.requests('flame').at(-1)?.params, { sampleIndex: allocSpace, diff: true });

    await shot(page, 'diff-flame-light');
    const grow = page.locator('[data-testid="diff-changes"] li[data-name="main.grow"]');
    assert.equal(await grow.getAttribute('data-change'), 'grew');
    const x = Number(await grow.getAttribute('data-x'));
    const y = Number(await grow.getAttribute('data-y'));
    const [r, g, b] = await page.$eval(
      '[data-testid="diff-flame"]',
      (canvas, at) => Array.from((canvas as unknown as { getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } }).getContext('2d').getImageData(at.x, at.y, 1, 1).data),
      { x, y },
    );
    assert.ok(r! > g! + 60 && r! > b! + 60, `main.grow is drawn rgb(${r}, ${g}, ${b}) at ${x},${y}, not red`);

    // A click zooms into main.grow (it fills the width); a double-click opens its source.
    const canvasBox = await page.$eval('[data-testid="diff-flame"]', (c) => {
      const rect = c.getBoundingClientRect();
      return { x: rect.x, y: rect.y, width: rect.width };
    });
    await page.mouse.click(canvasBox.x + x, canvasBox.y + y);
    assert.equal(await page.isEnabled('[data-testid="diff-reset-zoom"]'), true);
    assert.ok(Number(await grow.getAttribute('data-x')) > canvasBox.width - 10);
    host.posted.length = 0;
    await page.mouse.dblclick(canvasBox.x + 40, canvasBox.y + y);
    await session.idle();
    assert.equal(host.last('openSource')?.line, (await pprofFunctionSource(currentPath, 'main.grow')).line);
    await page.click('[data-testid="diff-reset-zoom"]');
    assert.equal(Number(await grow.getAttribute('data-x')), x);

    await page.click('[data-testid="tab-top"]');
    await session.idle();
    assert.deepEqual(host.requests('top').at(-1)?.params, { sampleIndex: allocSpace, diff: true });
    const headers = await page.$$eval('[data-testid="top-table"] th', (ths) => ths.map((th) => th.firstChild?.textContent));
    assert.deepEqual(headers, ['base', 'current', 'delta', 'delta%', 'cum delta', 'name']);
    const cells = await page.$eval('[data-testid="top-row"]:has(td[data-col="name"]:text-is("main.grow"))', (tr) => ({
      flat: Number(tr.getAttribute('data-flat')),
      base: tr.querySelector('[data-col="base"]')?.textContent,
      current: tr.querySelector('[data-col="current"]')?.textContent,
      grew: tr.classList.contains('grew'),
    }));
    const pprofGrow = diffTop.rows.find((row) => row.name === 'main.grow');
    assert.equal(cells.flat, pprofGrow?.flat);
    assert.equal(cells.grew, true);
    assert.equal(cells.base, '128kB');
    assert.equal(cells.current, '1024kB');
    const first = await page.$eval('[data-testid="top-row"] td[data-col="name"]', (td) => td.textContent);
    assert.equal(first, diffTop.rows[0]?.name);
    await shot(page, 'diff-top-light');
    await session.setTheme('dark');
    await shot(page, 'diff-top-dark');
    await page.click('[data-testid="tab-flame"]');
    await session.idle();
    await shot(page, 'diff-flame-dark');
    await session.setTheme('light');

    await page.click('[data-testid="tab-top"]');
    await session.idle();
    await page.click('[data-testid="stop-comparing"]');
    await session.idle();
    assert.ok(host.last('stopComparing'));
    assert.deepEqual(host.requests('top').at(-1)?.params, { sampleIndex: allocSpace });
  });

  test('hostile function and file names render literally in every view and execute nothing', async () => {
    const file = join(scratch, 'hostile.pb.gz');
    writeHostileProfile(file);
    const host = new EditorHost(file, undefined, '<img src=x onerror=alert(9)>.pb.gz');
    await session.open(server.url, host);
    const view = flameOf(host, 0);
    const p = await flamePoint(page, view, nodeNamed(view, HOSTILE.leafA.name));
    await page.mouse.move(p.x, p.y);
    await page.waitForSelector('.gp-flame-tooltip .gp-name');
    assert.equal(await page.textContent('.gp-flame-tooltip .gp-name'), HOSTILE.leafA.name);
    await page.mouse.dblclick(p.x, p.y);
    await session.idle();
    assert.deepEqual(host.last('openSource'), { kind: 'openSource', file: HOSTILE.leafA.file, line: HOSTILE.leafA.line });
    await page.fill('[data-testid="search-input"]', 'javascript');
    await shot(page, 'hostile-flame');
    await page.fill('[data-testid="search-input"]', '');

    await page.click('[data-testid="tab-top"]');
    await session.idle();
    const names = await page.$$eval('td[data-col="name"]', (tds) => tds.map((td) => td.textContent));
    assert.deepEqual([...names].sort(), [HOSTILE.leafA.name, HOSTILE.leafB.name, HOSTILE.root.name].sort());

    await page.click('[data-testid="tab-tree"]');
    await session.idle();
    await page.click('[data-testid="expand-hot-path"]');
    await session.idle();
    const treeNames = await page.$$eval('[data-testid="tree-row"] td[data-col="name"]', (tds) => tds.map((td) => td.textContent?.replace(/^[▸▾]/, '')));
    assert.ok(treeNames.includes(HOSTILE.root.name) && treeNames.includes(HOSTILE.leafA.name), treeNames.join(' | '));
    await page.waitForSelector('[data-testid="peek-name"]');
    await shot(page, 'hostile-tree');

    assert.equal(await page.$$eval('img, b, script:not([src])', (els) => els.length), 0);
    assert.deepEqual(seen.dialogs, []);
    assert.deepEqual(await session.cspViolations(), []);
  });

  test('a zero-sample profile shows a friendly empty state in every view', async () => {
    const str = (s: string): number[] => [0x32, s.length, ...Buffer.from(s)];
    const file = join(scratch, 'empty.pprof');
    writeFileSync(file, new Uint8Array([0x0a, 0x04, 0x08, 0x01, 0x10, 0x02, ...str(''), ...str('cpu'), ...str('nanoseconds')]));
    await session.open(server.url, new EditorHost(file));
    for (const tab of ['flame', 'top', 'tree']) {
      await page.click(`[data-testid="tab-${tab}"]`);
      await session.idle();
      const text = await page.textContent(`.view-${tab} [data-testid="empty-state"]`);
      assert.match(text ?? '', /Nothing to show/);
    }
    await page.click('[data-testid="tab-flame"]');
    await shot(page, 'empty-flame');
  });

  test('nothing was blocked by the CSP and no script error or dialog happened', async () => {
    assert.deepEqual(await session.cspViolations(), []);
    assert.deepEqual(seen.errors, []);
    assert.deepEqual(seen.dialogs, []);
  });
});
