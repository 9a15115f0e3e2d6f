/**
 * The flame graph in real Chromium, under the extension's CSP, fed real profiles through
 * postMessage; numbers are checked against `go tool pprof`.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ensureResultsDir, repoRoot } from './harness';
import { usePage } from './page-fixture';
import { bundleFlamePage, call, hover, insideBar, requireBox } from './flame-driver';
import type { PageOptions, WireModel } from './page-api';
import { flameModelOf, topLevelFrames } from './flame-model';
import type { NodeModel } from './flame-model';
import { pprofTop } from './pprof-top';
import { HOSTILE, writeHostileProfile } from './xss-profile';
import { formatValue } from '../../src/shared/units';

const LARGE = join(repoRoot, 'test/fixtures/profiles/large.cpu.pb.gz');
const HOTSPOTS = join(repoRoot, 'examples/profiles/hotspots.cpu.pb.gz');

describe('flame graph in Chromium', () => {
  const fixture = usePage({ bundle: bundleFlamePage, goto: true });
  let large: NodeModel;
  let results: string;

  before(async () => {
    results = ensureResultsDir();
    large = await flameModelOf(LARGE);
  });

  /** Nothing from the page may have run a dialog, thrown, or hit the CSP. */
  async function assertCleanPage(): Promise<void> {
    const { page, seen } = fixture;
    const violations = await call(page, 'cspViolations');
    assert.deepEqual(violations, [], 'CSP violations');
    assert.deepEqual(seen.dialogs, [], 'dialogs');
    assert.deepEqual(seen.errors, [], 'page errors');
  }

  test('root total and the widest top-level frames equal go tool pprof -top', async () => {
    const { page } = fixture;
    const pprof = pprofTop(LARGE);
    await load(page, large.wire);
    const root = await hover(page, 0);
    assert.equal(root.visible, true);
    assert.equal(root.value, pprof.total);
    assert.match(root.total, new RegExp(`^Total: ${escapeRe(formatValue(pprof.total, 'nanoseconds'))} \\(100%`));

    const widest = topLevelFrames(large).slice(0, 2);
    assert.equal(widest.length, 2);
    for (const frame of widest) {
      const tip = await hover(page, frame.node);
      const row = pprof.rows.get(tip.name);
      assert.ok(row, `pprof has no row for ${tip.name}`);
      assert.equal(tip.value, row.cum, `${tip.name} cum`);
    }
    await page.mouse.move(1, 1);
    await call(page, 'nextFrame');
    await page.screenshot({ path: join(results, 'flame-large-light.png') });
    await assertCleanPage();
  });

  test('click zooms into a frame; breadcrumb, Escape, Alt+Left/Right and the buttons go back and forth', async () => {
    const { page } = fixture;
    await load(page, large.wire);
    const [first] = topLevelFrames(large);
    assert.ok(first);
    let p = insideBar(await requireBox(page, first.node));
    await page.mouse.click(p.x, p.y);
    assert.equal(await call(page, 'zoomedNode'), first.node);
    assert.deepEqual(await call(page, 'breadcrumb'), ['root', first.name]);
    const width = (await call(page, 'canvasBox')).width;
    assert.ok(Math.abs((await requireBox(page, first.node)).width - width) <= 1, 'zoomed frame fills the width');

    // One level deeper: the widest child of the zoomed frame.
    const child = widestChildOf(large, first.node);
    const childName = large.tree.frames[large.tree.frame[child]!]!.name;
    p = insideBar(await requireBox(page, child));
    await page.mouse.click(p.x, p.y);
    assert.deepEqual(await call(page, 'breadcrumb'), ['root', first.name, childName]);
    await page.screenshot({ path: join(results, 'flame-zoomed.png') });

    await page.keyboard.press('Escape');
    assert.deepEqual(await call(page, 'breadcrumb'), ['root', first.name]);
    await page.keyboard.press('Alt+ArrowRight');
    assert.deepEqual(await call(page, 'breadcrumb'), ['root', first.name, childName]);
    await page.keyboard.press('Alt+ArrowLeft');
    assert.deepEqual(await call(page, 'breadcrumb'), ['root', first.name]);
    await page.getByRole('button', { name: 'Forward (Alt+Right)' }).click();
    assert.deepEqual(await call(page, 'breadcrumb'), ['root', first.name, childName]);
    await page.locator('.gp-flame-crumbs button', { hasText: /^root$/ }).click();
    assert.deepEqual(await call(page, 'breadcrumb'), ['root']);
    assert.equal(await call(page, 'zoomedNode'), 0);
    await assertCleanPage();
  });

  test('sub-pixel frames merge into a block that says so; clicking it zooms in; Ctrl+wheel zooms', async () => {
    const { page } = fixture;
    await load(page, large.wire);
    const [first] = topLevelFrames(large);
    const mainMain = widestChildOf(large, first!.node);
    const mainNext = widestChildOf(large, mainMain);
    const box = await requireBox(page, mainNext);
    const below = { x: box.x + 200, y: box.y + box.height + 9 };
    await page.mouse.move(below.x, below.y);
    const merged = await call(page, 'tooltip');
    assert.match(merged.name, /^[\d,]+ frames, each narrower than a pixel$/);
    assert.ok(merged.value > 0 && merged.value < large.tree.value[mainNext]!);
    // Each click zooms 8x into the block until its frames are a pixel wide and get drawn.
    let after = merged;
    for (let clicks = 0; clicks < 6 && after.name.includes('narrower than a pixel'); clicks++) {
      await page.mouse.click(below.x, below.y);
      await page.mouse.move(below.x, below.y + 1);
      after = await call(page, 'tooltip');
    }
    assert.doesNotMatch(after.name, /narrower than a pixel/);
    assert.ok(after.value < merged.value, `${after.name} ${after.value} is narrower than the merged block`);
    const child = (await call(page, 'nodesNamed', after.name)).find((n) => large.tree.parent[n] === mainNext);
    assert.ok(child !== undefined, `${after.name} is a child of main.next`);
    const zoomed = await call(page, 'zoomedNode');
    assert.equal(zoomed, 0, `a merged block zooms the view, not the history (zoomed into ${large.tree.frames[large.tree.frame[zoomed]!]?.name})`);

    await load(page, large.wire);
    const right = topLevelFrames(large).find((f) => f.name === 'time.now')!;
    assert.ok(await call(page, 'frameBox', right.node), 'time.now is drawn before zooming');
    await page.mouse.move(50, box.y);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -400);
    await page.keyboard.up('Control');
    await call(page, 'nextFrame');
    assert.equal(await call(page, 'frameBox', right.node), null, 'zooming in at the left pushes time.now off screen');
    await assertCleanPage();
  });

  test('the view state (zoom path, search, orientation) survives a reload', async () => {
    const { page } = fixture;
    await load(page, large.wire);
    const [first] = topLevelFrames(large);
    const mainMain = widestChildOf(large, first!.node);
    await call(page, 'zoomTo', mainMain);
    await call(page, 'search', 'main\\.next$');
    await page.click('.gp-flame-toolbar button[data-testid="flame-orientation"][aria-label^="Icicle"]');
    const state = await call(page, 'viewState');
    assert.deepEqual(state, { orientation: 'flame', zoomPath: [first!.name, 'main.main'], search: 'main\\.next$' });
    await load(page, large.wire);
    assert.equal(await call(page, 'zoomedNode'), 0);
    await call(page, 'restoreViewState', state);
    assert.equal(await call(page, 'zoomedNode'), mainMain);
    assert.deepEqual(await call(page, 'breadcrumb'), ['root', first!.name, 'main.main']);
    assert.match(await call(page, 'searchStatus'), /^\d+ matches · /);
    assert.equal(await page.inputValue('.gp-flame-toolbar input[type=search]'), 'main\\.next$');
    await assertCleanPage();
  });

  test('double-click and Ctrl+click open the source at the file and line pprof -lines names', async () => {
    const { page } = fixture;
    const model = await flameModelOf(HOTSPOTS, { granularity: 'lines' });
    const pprof = pprofTop(HOTSPOTS, ['-lines']);
    const hottest = pprof.names.reduce((a, b) => (pprof.rows.get(b)!.flat > pprof.rows.get(a)!.flat ? b : a));
    const location = /\s(\S+):(\d+)$/.exec(hottest);
    assert.ok(location, `pprof name has a file:line: ${hottest}`);
    await load(page, model.wire);
    const node = (await call(page, 'nodesNamed', hottest))[0] ?? -1;
    assert.ok(node > 0, `flame graph has ${hottest}`);
    await call(page, 'zoomTo', node);
    const before = (await call(page, 'openSource')).length;
    const p = insideBar(await requireBox(page, node));
    await page.mouse.dblclick(p.x, p.y);
    let opened = await call(page, 'openSource');
    assert.equal(opened.length, before + 1);
    assert.equal(opened.at(-1)!.file, location[1]);
    assert.equal(opened.at(-1)!.line, Number(location[2]));

    await page.keyboard.down('Control');
    await page.mouse.click(p.x, p.y);
    await page.keyboard.up('Control');
    opened = await call(page, 'openSource');
    assert.equal(opened.length, before + 2);
    assert.equal(`${opened.at(-1)!.file}:${opened.at(-1)!.line}`, `${location[1]}:${location[2]}`);
    await assertCleanPage();
  });

  test('arrow keys move between frames and Enter opens the selected one', async () => {
    const { page } = fixture;
    await load(page, large.wire);
    await page.focus('.gp-flame-canvas');
    const selected = (): Promise<number> => call(page, 'selectedNode');
    await page.keyboard.press('ArrowDown'); // nothing selected yet: selects the zoomed frame (root)
    assert.equal(await selected(), 0);
    await page.keyboard.press('ArrowDown');
    const [widest, second] = topLevelFrames(large);
    assert.equal(await selected(), widest!.node, 'down goes to the widest child');
    await page.keyboard.press('ArrowUp');
    assert.equal(await selected(), 0, 'up goes to the parent');
    await page.keyboard.press('ArrowDown');
    // Siblings are in name order; right then left comes back.
    await page.keyboard.press('ArrowRight');
    const right = await selected();
    assert.equal(large.tree.parent[right], 0);
    assert.notEqual(right, widest!.node);
    await page.keyboard.press('ArrowLeft');
    assert.equal(await selected(), widest!.node);
    assert.ok(second);
    const openedBefore = (await call(page, 'openSource')).length;
    await page.keyboard.press('Enter');
    const opened = await call(page, 'openSource');
    assert.equal(opened.length, openedBefore + 1);
    assert.equal(opened.at(-1)!.name, widest!.name);
    await assertCleanPage();
  });

  test('search highlights matches and reports the share go tool pprof -focus gives', async () => {
    const { page } = fixture;
    const pattern = '^math/rand\\.';
    const pprof = pprofTop(LARGE, [`-focus=${pattern}`]);
    await load(page, large.wire);
    await page.fill('.gp-flame-toolbar input[type=search]', pattern);
    const status = await page.textContent('.gp-flame-status');
    const summary = await call(page, 'search', pattern);
    assert.ok(summary);
    assert.equal(summary.matchedValue, pprof.shown);
    assert.equal(summary.total, pprof.total);
    assert.ok(summary.matches > 0);
    assert.equal(status, `${summary.matches} matches · ${summary.percent} of total (${formatValue(pprof.shown, 'nanoseconds')})`);

    // Next match: zooms to it; it keeps its colour while the root (no match) turns grey.
    await page.click('.gp-flame-toolbar button[aria-label="Next match (Enter)"]');
    const match = await call(page, 'selectedNode');
    const name = large.tree.frames[large.tree.frame[match]!]!.name;
    assert.match(name, new RegExp(pattern));
    await page.mouse.move(1, 1);
    await call(page, 'nextFrame');
    const matchBox = await requireBox(page, match);
    const coloured = await call(page, 'pixel', matchBox.x + 3, matchBox.y + 3);
    assert.ok(spread(coloured) > 30, `match is coloured: ${coloured}`);
    // The nearest drawn ancestor that does not match is grey.
    let other = large.tree.parent[match]!;
    while (new RegExp(pattern).test(large.tree.frames[large.tree.frame[other]!]?.name ?? '')) other = large.tree.parent[other]!;
    const otherBox = await requireBox(page, other);
    const grey = await call(page, 'pixel', otherBox.x + 3, otherBox.y + 3);
    assert.ok(spread(grey) <= 3, `non-matching ${other} is grey: ${grey}`);
    await page.screenshot({ path: join(results, 'flame-search.png') });
    await page.click('.gp-flame-toolbar button[aria-label="Previous match (Shift+Enter)"]');
    const last = await call(page, 'selectedNode');
    assert.notEqual(last, match, 'previous from the first match wraps to the last');
    assert.match(large.tree.frames[large.tree.frame[last]!]!.name, new RegExp(pattern));

    // A selection made in another view: the widest frame of that name, made visible.
    const picked = 'math/rand.(*lockedSource).Int63';
    assert.equal(await call(page, 'selectByName', picked), true);
    const chosen = await call(page, 'selectedNode');
    assert.equal(chosen, (await call(page, 'nodesNamed', picked))[0]);
    assert.ok(await call(page, 'frameBox', chosen), 'the selected frame is drawn');
    assert.equal(await call(page, 'selectByName', 'no.such.function'), false);
    await page.fill('.gp-flame-toolbar input[type=search]', '');
    assert.equal(await page.textContent('.gp-flame-status'), '');
    await assertCleanPage();
  });

  test('hostile function and file names render literally and execute nothing', async () => {
    const { page, scratch } = fixture;
    const file = join(scratch, 'hostile.pb.gz');
    writeHostileProfile(file);
    const model = await flameModelOf(file);
    await load(page, model.wire);
    for (const expected of [HOSTILE.leafA, HOSTILE.leafB, HOSTILE.root]) {
      const node = (await call(page, 'nodesNamed', expected.name))[0] ?? -1;
      assert.ok(node > 0, `node for ${expected.name}`);
      const tip = await hover(page, node);
      assert.equal(tip.name, expected.name);
      const frame = model.tree.frames[model.tree.frame[node]!]!;
      assert.equal(tip.location, `${frame.file}:${expected.line}`);
    }
    const leaf = (await call(page, 'nodesNamed', HOSTILE.leafA.name))[0]!;
    const p = insideBar(await requireBox(page, leaf));
    await page.mouse.click(p.x, p.y);
    assert.deepEqual(await call(page, 'breadcrumb'), ['root', HOSTILE.root.name, HOSTILE.leafA.name]);
    await page.mouse.dblclick(p.x, p.y);
    const opened = (await call(page, 'openSource')).at(-1);
    assert.equal(opened?.name, HOSTILE.leafA.name);
    await page.fill('.gp-flame-toolbar input[type=search]', '<img');

    const svg = await call(page, 'exportSvg');
    assert.equal(svg.parserError, false);
    assert.equal(svg.scripts, 0);
    assert.ok(svg.titles.some((t) => t.startsWith(HOSTILE.leafA.name)), 'SVG title keeps the raw name');
    const injected = await call(page, 'domCounts');
    assert.deepEqual(injected, { img: 0, bold: 0, scripts: 1 });
    await page.mouse.move(1, 1);
    await hover(page, leaf);
    await page.screenshot({ path: join(results, 'flame-hostile.png') });
    await assertCleanPage();
  });

  test('PNG and SVG captures are valid images', async () => {
    const { page } = fixture;
    await load(page, large.wire);
    const png = await call(page, 'exportPng');
    assert.equal(png.type, 'image/png');
    assert.ok(png.width >= 1000 && png.height >= 18, `${png.width}x${png.height}`);
    const pngBytes = Buffer.from(png.base64, 'base64');
    assert.deepEqual([...pngBytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    writeFileSync(join(results, 'capture.png'), pngBytes);

    const svg = await call(page, 'exportSvg');
    assert.equal(svg.parserError, false);
    writeFileSync(join(results, 'capture.svg'), svg.text);
    assert.ok(svg.width >= 1000 && svg.height >= 18, `${svg.width}x${svg.height}`);
    assert.ok(svg.rects >= 8, `${svg.rects} rects`);
    assert.ok(svg.labels.includes('runtime.main'), 'SVG has the runtime.main label');
    await assertCleanPage();
  });

  test('a profile without samples shows the empty state', async () => {
    const { page } = fixture;
    await load(page, {
      unit: 'nanoseconds',
      frames: [],
      parent: Buffer.from(new Int32Array([-1]).buffer).toString('base64'),
      frame: Buffer.from(new Int32Array([-1]).buffer).toString('base64'),
      value: Buffer.from(new Float64Array([0]).buffer).toString('base64'),
      self: Buffer.from(new Float64Array([0]).buffer).toString('base64'),
    });
    const state = await call(page, 'emptyState');
    assert.equal(state.emptyVisible, true);
    assert.equal(state.mainVisible, false);
    assert.match(state.text, /No samples/);
    await page.screenshot({ path: join(results, 'flame-empty.png') });
    await assertCleanPage();
  });

  test('dark theme and flame orientation (screenshots)', async () => {
    const { page } = fixture;
    await call(page, 'setTheme', 'dark');
    await load(page, large.wire, { animationMs: 0, orientation: 'flame' });
    await call(page, 'nextFrame');
    const [widest] = topLevelFrames(large);
    const box = await requireBox(page, widest!.node);
    const rootBox = await requireBox(page, 0);
    assert.ok(box.y < rootBox.y, 'flame orientation puts children above the root');
    const tip = await hover(page, widest!.node);
    assert.equal(tip.name, widest!.name);
    await page.screenshot({ path: join(results, 'flame-large-dark-flame.png') });
    await page.click('.gp-flame-toolbar button[data-testid="flame-orientation"][aria-label^="Flame"]');
    await page.mouse.move(1, 1);
    await call(page, 'nextFrame');
    const after = await requireBox(page, widest!.node);
    const rootAfter = await requireBox(page, 0);
    assert.ok(after.y > rootAfter.y, 'icicle puts children below the root');
    await page.screenshot({ path: join(results, 'flame-large-dark.png') });
    await call(page, 'setTheme', 'high-contrast');
    await call(page, 'nextFrame');
    const hcRoot = await requireBox(page, 0);
    const [r, g, b] = await call(page, 'pixel', hcRoot.x + 1, hcRoot.y);
    assert.ok(r > 200 && g > 200 && b > 200, `high contrast bars have a white border: ${r},${g},${b}`);
    await page.screenshot({ path: join(results, 'flame-large-high-contrast.png') });
    await call(page, 'setTheme', 'light');
    await assertCleanPage();
  });
});

describe('flame graph on a 2x display', () => {
  const fixture = usePage({ bundle: bundleFlamePage, goto: true, deviceScaleFactor: 2 });

  test('the canvas backing store follows devicePixelRatio; hit testing stays in CSS pixels', async () => {
    const { page, seen } = fixture;
    const model = await flameModelOf(HOTSPOTS);
    await load(page, model.wire);
    const r = await call(page, 'canvasResolution');
    assert.equal(r.dpr, 2);
    assert.equal(r.width, Math.round(r.cssWidth * 2));
    assert.equal(r.height, Math.round(r.cssHeight * 2));
    const [widest] = topLevelFrames(model);
    const tip = await hover(page, widest!.node);
    assert.equal(tip.name, widest!.name);
    assert.equal(tip.value, pprofTop(HOTSPOTS).rows.get(widest!.name)?.cum);
    await page.screenshot({ path: join(ensureResultsDir(), 'flame-hotspots-dpr2.png') });
    assert.deepEqual(await call(page, 'cspViolations'), []);
    assert.deepEqual(seen, { dialogs: [], errors: [] });
  });
});

async function load(page: Page, wire: WireModel, options: PageOptions = { animationMs: 0 }): Promise<void> {
  await call(page, 'load', wire, options);
}

function widestChildOf(model: NodeModel, node: number): number {
  const { tree } = model;
  let best = -1;
  for (let i = 0; i < tree.childCount[node]!; i++) {
    const c = tree.firstChild[node]! + i;
    if (best < 0 || tree.value[c]! > tree.value[best]!) best = c;
  }
  return best;
}

function spread([r, g, b]: [number, number, number]): number {
  return Math.max(r, g, b) - Math.min(r, g, b);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
