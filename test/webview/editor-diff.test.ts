/**
 * The profile editor in Chromium: opening source from every view, "Compare with…" on two
 * real allocation profiles of one program (known changes: grow +896 KiB, nudge +32 KiB, shrink
 * -384 KiB, gone -256 KiB) drawn by the one flame renderer and checked against `go tool pprof
 * -diff_base` and `-normalize`, hostile names, empty profiles.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { formatValue } from '../../src/shared/units';
import type { StackTreeView } from '../../src/shared/view-model';
import { goEnv } from '../support/go-fixtures';
import { goPprofRaw, goPprofTop, type GoPprofTop } from '../support/go-pprof';
import { ensureResultsDir, repoRoot } from './harness';
import { useEditorPage } from './page-fixture';
import { EditorHost, flameOf, flamePoint } from './editor-driver';
import type { NodeWidth } from './flame-geometry';
import { FLAME_ROW, nodeNamed } from './flame-geometry';
import { HOSTILE, writeHostileProfile } from './xss-profile';

const PROGRAM = join(repoRoot, 'test/fixtures/go-diff');
const KiB = 1024;

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

function row(top: GoPprofTop, name: string): { flat: number; cum: number } {
  const found = top.rows.find((r) => r.name === name);
  if (!found) throw new Error(`${name} is not in pprof's report`);
  return found;
}

/** Drawn widths of a comparison: base + current (the current one scaled by `scale` when normalised). */
function diffWidth(view: StackTreeView, scale = 1): NodeWidth {
  return (node) => view.value[node]! * scale + (view.base?.[node] ?? 0);
}

/** HSL saturation (0..1) and hue class of a bar's fill: the canvas pixel at the bar's top edge, above its label. */
async function colourAt(page: Page, inBar: { x: number; y: number }): Promise<{ rgb: number[]; saturation: number; red: boolean; green: boolean }> {
  const at = { x: inBar.x, y: inBar.y - FLAME_ROW / 2 + 2 };
  const rgb = await page.$eval(
    '.gp-flame-canvas',
    (canvas, p) => {
      const c = canvas as unknown as { getBoundingClientRect(): { x: number; y: number }; width: number; clientWidth: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } };
      const box = c.getBoundingClientRect();
      const dpr = c.width / c.clientWidth;
      return Array.from(c.getContext('2d').getImageData(Math.round((p.x - box.x) * dpr), Math.round((p.y - box.y) * dpr), 1, 1).data).slice(0, 3);
    },
    at,
  );
  const [r, g, b] = rgb.map((v) => v / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  const saturation = max === min ? 0 : (max - min) / (1 - Math.abs(2 * l - 1));
  return { rgb, saturation, red: r > g && r > b, green: g > r && g > b };
}

async function hoverText(page: Page, at: { x: number; y: number }): Promise<{ name: string; base: string; current: string; delta: string }> {
  await page.mouse.move(at.x, at.y);
  await page.waitForSelector('.gp-flame-tooltip:not([hidden]) .gp-delta');
  // No helper functions inside: the page has no __name for the ones tsx names.
  return page.$eval('.gp-flame-tooltip', (tip) => ({
    name: tip.querySelector('.gp-name')?.textContent ?? '',
    base: tip.querySelector('.gp-base')?.textContent ?? '',
    current: tip.querySelector('.gp-current')?.textContent ?? '',
    delta: tip.querySelector('.gp-delta')?.textContent ?? '',
  }));
}

interface ListedChange {
  readonly name: string;
  readonly delta: number;
  readonly base: number;
  readonly current: number;
}

function listed(page: Page, kind: 'grew' | 'shrank'): Promise<ListedChange[]> {
  return page.$$eval(`[data-testid="diff-${kind}"] li[data-name]`, (lis) =>
    lis.map((li) => ({
      name: li.getAttribute('data-name') ?? '',
      delta: Number(li.getAttribute('data-delta')),
      base: Number(li.getAttribute('data-base')),
      current: Number(li.getAttribute('data-current')),
    })),
  );
}

async function summaryText(page: Page): Promise<string> {
  return (await page.textContent('.meta-slot > summary')) ?? '';
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ensureResultsDir(), `editor-${name}.png`) });
}

describe('profile editor in Chromium: open source, compare, hostile names, empty profiles', () => {
  const editor = useEditorPage();
  let basePath: string;
  let currentPath: string;
  let diffTop: GoPprofTop;
  /** pprof -top on each profile alone, and the comparisons, all for alloc_space in bytes. */
  let baseTop: GoPprofTop;
  let currentTop: GoPprofTop;
  let diffBaseTop: GoPprofTop;
  let normalisedTop: GoPprofTop;

  before(async () => {
    const { scratch } = editor;
    basePath = join(scratch, 'base.pb.gz');
    currentPath = join(scratch, 'current.pb.gz');
    // One program, two runs with known changes between them.
    const options = { cwd: PROGRAM, env: goEnv(), stdio: 'pipe' as const };
    execFileSync('go', ['build', '-o', join(scratch, 'godiff'), '.'], options);
    execFileSync(join(scratch, 'godiff'), ['-grow=128', '-nudge=64', '-shrink=512', '-gone=256', `-o=${basePath}`], options);
    execFileSync(join(scratch, 'godiff'), ['-grow=1024', '-nudge=96', '-shrink=128', `-o=${currentPath}`], options);
    const sampleIndex = 'alloc_space';
    [diffTop, baseTop, currentTop, diffBaseTop] = await Promise.all([
      goPprofTop(currentPath, { sampleIndex, base: basePath }),
      goPprofTop(basePath, { sampleIndex }),
      goPprofTop(currentPath, { sampleIndex }),
      goPprofTop(currentPath, { sampleIndex, diffBase: basePath }),
    ]);
    normalisedTop = await goPprofTop(currentPath, { sampleIndex, diffBase: basePath, normalize: true });
  });

  test('double-click, Ctrl+click and Enter open the function’s source at pprof’s file and line', async () => {
    const { page, session } = editor;
    const host = new EditorHost(currentPath);
    const want = await pprofFunctionSource(currentPath, 'main.grow');
    assert.match(want.file, /go-diff\/main\.go$/);
    await editor.open(host);
    const view = flameOf(host);
    const p = await flamePoint(page, view, nodeNamed(view, 'main.grow'));

    await page.mouse.dblclick(p.x, p.y);
    await session.idle();
    assert.deepEqual(host.last('openSource'), { kind: 'openSource', ...want, functionName: 'main.grow' });

    host.posted.length = 0;
    await page.keyboard.down('Control');
    await page.mouse.click(p.x, p.y);
    await page.keyboard.up('Control');
    await session.idle();
    assert.deepEqual(host.last('openSource'), { kind: 'openSource', ...want, functionName: 'main.grow' });

    await page.click('[data-testid="tab-top"]');
    await session.idle();
    host.posted.length = 0;
    await page.dblclick('[data-testid="top-row"]:has(td[data-col="name"]:text-is("main.grow"))');
    await session.idle();
    assert.deepEqual(host.last('openSource'), { kind: 'openSource', ...want, functionName: 'main.grow' });

    await page.click('[data-testid="tab-tree"]');
    await session.idle();
    // Bottom-up, the functions where allocations happen are the roots.
    await page.selectOption('[data-testid="tree-direction"]', 'bottom-up');
    await session.idle();
    host.posted.length = 0;
    const row = page.locator('[data-testid="tree-row"][data-name="main.grow"]').first();
    await row.click({ modifiers: ['Control'] });
    await session.idle();
    assert.deepEqual(host.last('openSource'), { kind: 'openSource', ...want, functionName: 'main.grow' });
  });

  describe('Compare with…', () => {
    let host: EditorHost;
    let allocSpace: number;
    let view: StackTreeView;

    before(async () => {
      const { page, session } = editor;
      host = new EditorHost(currentPath);
      host.baseFile = basePath;
      await editor.open(host);
      allocSpace = sampleIndexOf(host, 'alloc_space');
      await page.selectOption('[data-testid="sample-type-select"]', String(allocSpace));
      await session.idle();
      await page.click('[data-testid="compare-with"]');
      await session.idle();
      view = flameOf(host, { sampleIndex: allocSpace, diff: true });
    });

    test('the diff is drawn by the flame graph itself: one canvas, every path of both profiles', async () => {
      const { page } = editor;
      assert.ok(host.last('compareWith'));
      assert.equal(await page.textContent('[data-testid="compare-base"]'), 'Δ vs base.pb.gz');
      assert.deepEqual(host.requests('flame').at(-1)?.params, { sampleIndex: allocSpace, diff: true });
      assert.equal(await page.$$eval('[data-testid="flame-view"] canvas', (cs) => cs.length), 1);
      assert.equal(await page.$$eval('[data-testid="diff-flame"] .gp-flame-canvas', (cs) => cs.length), 1);
      // main.gone ran only in the base: its path is in the tree with no current value.
      const gone = nodeNamed(view, 'main.gone');
      assert.equal(view.value[gone], 0);
      assert.equal(view.base?.[gone], row(baseTop, 'main.gone').cum);
      await shot(page, 'diff-flame-light');
    });

    test('colour follows the change against the base total: a big change more saturated than a small one; red grew, green shrank', async () => {
      const { page } = editor;
      // pprof's numbers for the four functions, as shares of the base total.
      const share = (name: string): number => row(diffBaseTop, name).flat / diffBaseTop.total;
      assert.ok(share('main.grow') > 10 * share('main.nudge') && share('main.nudge') > 0, 'the fixture has a big and a small growth');
      const at = (name: string): Promise<{ x: number; y: number }> => flamePoint(page, view, nodeNamed(view, name), diffWidth(view));
      const grow = await colourAt(page, await at('main.grow'));
      const nudge = await colourAt(page, await at('main.nudge'));
      const shrink = await colourAt(page, await at('main.shrink'));
      const gone = await colourAt(page, await at('main.gone'));
      assert.ok(grow.red, `main.grow is drawn rgb(${grow.rgb.join(', ')}), not red`);
      assert.ok(grow.saturation > nudge.saturation + 0.2, `main.grow (${grow.saturation.toFixed(2)}) is not more saturated than main.nudge (${nudge.saturation.toFixed(2)})`);
      assert.ok(shrink.green && gone.green, `main.shrink rgb(${shrink.rgb.join(', ')}) and main.gone rgb(${gone.rgb.join(', ')}) are not green`);
      // shrink lost more than gone: its green is stronger.
      assert.ok(-share('main.shrink') > -share('main.gone'));
      assert.ok(shrink.saturation > gone.saturation, `main.shrink ${shrink.saturation.toFixed(2)} vs main.gone ${gone.saturation.toFixed(2)}`);
    });

    test('the tooltip shows base, current and delta as go tool pprof reports them', async () => {
      const { page } = editor;
      const tip = await hoverText(page, await flamePoint(page, view, nodeNamed(view, 'main.grow'), diffWidth(view)));
      const base = row(baseTop, 'main.grow').cum;
      const current = row(currentTop, 'main.grow').cum;
      assert.equal(base, 128 * KiB);
      assert.equal(current, 1024 * KiB);
      assert.equal(tip.name, 'main.grow');
      assert.match(tip.base, new RegExp(`^Base: ${formatValue(base, 'bytes')} \\(`));
      assert.equal(tip.current, `Current: ${formatValue(current, 'bytes')}`);
      const delta = row(diffBaseTop, 'main.grow').cum;
      assert.equal(delta, current - base);
      assert.match(tip.delta, new RegExp(`^Delta: \\+${formatValue(delta, 'bytes')} \\(\\+${(100 * delta / diffBaseTop.total).toFixed(2)}% of base total`));
      await shot(page, 'diff-flame-tooltip');
      await page.mouse.move(1, 1);
    });

    test('the biggest changes: grew and shrank listed by |delta|, each delta pprof -diff_base’s flat', async () => {
      const { page } = editor;
      const grew = await listed(page, 'grew');
      const shrank = await listed(page, 'shrank');
      assert.deepEqual(grew.slice(0, 2).map((c) => c.name), ['main.grow', 'main.nudge']);
      assert.deepEqual(shrank.slice(0, 2).map((c) => c.name), ['main.shrink', 'main.gone']);
      for (const [list, sign] of [[grew, 1], [shrank, -1]] as const) {
        for (let i = 0; i < list.length; i++) {
          const c = list[i]!;
          assert.equal(Math.sign(c.delta), sign, c.name);
          assert.equal(c.delta, row(diffBaseTop, c.name).flat, `${c.name}: delta against pprof -diff_base`);
          assert.equal(c.delta, c.current - c.base, c.name);
          if (i > 0) assert.ok(Math.abs(c.delta) <= Math.abs(list[i - 1]!.delta), `${c.name} is listed after a smaller change`);
        }
      }
      assert.equal(grew[0]!.current, row(currentTop, 'main.grow').flat);
      assert.equal(shrank[1]!.current, 0, 'main.gone is gone from the current profile');
      // Picking a change selects its function in the graph (announced to screen readers).
      await page.click('[data-testid="diff-shrank"] li[data-name="main.shrink"] button');
      await editor.session.idle();
      assert.match((await page.textContent('[data-testid="diff-flame"] .gp-sr-only')) ?? '', /^main\.shrink: 512kB → 128kB \(-384kB\)$/);
    });

    test('one total in the summary, the same in every view: the current profile’s then the base’s, as pprof totals them', async () => {
      const { page, session } = editor;
      const want = `total ${formatValue(currentTop.total, 'bytes')} (base ${formatValue(baseTop.total, 'bytes')})`;
      assert.ok((await summaryText(page)).endsWith(want), await summaryText(page));
      for (const tab of ['top', 'tree', 'flame']) {
        await page.click(`[data-testid="tab-${tab}"]`);
        await session.idle();
        assert.ok((await summaryText(page)).endsWith(want), `${tab}: ${await summaryText(page)}`);
      }
    });

    test('normalise scales the current profile to the base total, as pprof -normalize -diff_base does', async () => {
      const { page, session } = editor;
      const before = await listed(page, 'grew');
      await page.check('[data-testid="diff-normalise"]');
      await session.idle();
      const scale = baseTop.total / currentTop.total;
      assert.equal(await page.textContent('[data-testid="diff-scale"]'), `current × ${scale.toPrecision(3)}`);
      const changes = [...(await listed(page, 'grew')), ...(await listed(page, 'shrank'))];
      assert.notDeepEqual(changes.slice(0, before.length), before, 'the numbers changed');
      // pprof rounds each scaled sample to a whole byte; the graph does not: under a byte per
      // sample apart (each of these functions allocates from one stack: one sample).
      for (const name of ['main.grow', 'main.nudge', 'main.shrink', 'main.gone', 'main.steady']) {
        const c = changes.find((x) => x.name === name);
        assert.ok(c, `${name} is listed once normalised`);
        const pprof = row(normalisedTop, name).flat;
        assert.ok(Math.abs(c.delta - pprof) <= 0.5 + 1e-6, `${name}: ${c.delta} against pprof -normalize ${pprof}`);
      }
      // main.steady did not change, so normalised it shrank: listed green now.
      assert.ok((await listed(page, 'shrank')).some((c) => c.name === 'main.steady'));
      const tip = await hoverText(page, await flamePoint(page, view, nodeNamed(view, 'main.grow'), diffWidth(view, scale)));
      assert.equal(tip.current, `Current (normalised): ${formatValue(row(currentTop, 'main.grow').cum * scale, 'bytes')}`);
      await page.mouse.move(1, 1);
      await shot(page, 'diff-flame-normalised');
      await page.uncheck('[data-testid="diff-normalise"]');
      await session.idle();
      assert.deepEqual(await listed(page, 'grew'), before);
    });

    test('top shows base, current and delta like pprof -base', async () => {
      const { page, session } = editor;
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
      const pprofGrow = diffTop.rows.find((r) => r.name === 'main.grow');
      assert.equal(cells.flat, pprofGrow?.flat);
      assert.equal(cells.grew, true);
      assert.equal(cells.base, '128kB');
      assert.equal(cells.current, '1024kB');
      const first = await page.$eval('[data-testid="top-row"] td[data-col="name"]', (td) => td.textContent);
      assert.equal(first, diffTop.rows[0]?.name);
      // Shares against the base total, the delta% column's and pprof -diff_base's.
      const shownShare = ((100 * diffBaseTop.shown) / diffBaseTop.total).toFixed(2);
      assert.match((await page.textContent('[data-testid="top-caption"]')) ?? '', new RegExp(`, ${shownShare}% of the base total ${formatValue(baseTop.total, 'bytes')} · delta vs base\\.pb\\.gz$`));
      await shot(page, 'diff-top-light');
      await session.setTheme('dark');
      await shot(page, 'diff-top-dark');
      await page.click('[data-testid="tab-flame"]');
      await session.idle();
      await shot(page, 'diff-flame-dark');
      await session.setTheme('light');
    });

    test('stop comparing goes back to the plain views', async () => {
      const { page, session } = editor;
      await page.click('[data-testid="tab-top"]');
      await session.idle();
      await page.click('[data-testid="stop-comparing"]');
      await session.idle();
      assert.ok(host.last('stopComparing'));
      assert.deepEqual(host.requests('top').at(-1)?.params, { sampleIndex: allocSpace });
    });
  });

  test('hostile function and file names render literally in every view and execute nothing', async () => {
    const { page, session, seen, scratch } = editor;
    const file = join(scratch, 'hostile.pb.gz');
    writeHostileProfile(file);
    const host = new EditorHost(file, undefined, '<img src=x onerror=alert(9)>.pb.gz');
    await editor.open(host);
    const view = flameOf(host, { sampleIndex: 0 });
    const p = await flamePoint(page, view, nodeNamed(view, HOSTILE.leafA.name));
    await page.mouse.move(p.x, p.y);
    await page.waitForSelector('.gp-flame-tooltip .gp-name');
    assert.equal(await page.textContent('.gp-flame-tooltip .gp-name'), HOSTILE.leafA.name);
    await page.mouse.dblclick(p.x, p.y);
    await session.idle();
    assert.deepEqual(host.last('openSource'), { kind: 'openSource', file: HOSTILE.leafA.file, line: HOSTILE.leafA.line, functionName: HOSTILE.leafA.name });
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
    const { page, session, scratch } = editor;
    const str = (s: string): number[] => [0x32, s.length, ...Buffer.from(s)];
    const file = join(scratch, 'empty.pprof');
    writeFileSync(file, new Uint8Array([0x0a, 0x04, 0x08, 0x01, 0x10, 0x02, ...str(''), ...str('cpu'), ...str('nanoseconds')]));
    await editor.open(new EditorHost(file));
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
    const { session, seen } = editor;
    assert.deepEqual(await session.cspViolations(), []);
    assert.deepEqual(seen.errors, []);
    assert.deepEqual(seen.dialogs, []);
  });
});
