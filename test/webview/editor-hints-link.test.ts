/**
 * The profile editor's links with the editor hints, in Chromium with the real worker handlers:
 * the hover's "Reveal in the profile" (host message `revealFunction`) and the flame zoom the
 * hints follow (webview message `flameZoom`, narrowed options, line costs for the zoomed frame).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { HostToWebview } from '../../src/shared/protocol';
import { parseLineCostsParams, type LineCostsView } from '../../src/shared/line-costs-view';
import type { StackTreeView } from '../../src/shared/view-model';
import { FlameZoomState } from '../../src/profile-editor/flame-zoom';
import { goPprofRaw } from '../support/go-pprof';
import { parsePprofList } from '../support/pprof-list';
import { repoRoot } from './harness';
import { useEditorPage } from './page-fixture';
import { EditorHost, flameOf, flamePoint } from './editor-driver';

const CPU = join(repoRoot, 'examples/profiles/hotspots.cpu.pb.gz');
const IS_PRIME = 'example.com/hotspots/hotspots.isPrime';
const COUNT_PRIMES = 'example.com/hotspots/hotspots.countPrimes';

function nodesNamed(view: StackTreeView, name: string): number[] {
  const out: number[] = [];
  for (let n = 1; n < view.frame.length; n++) if (view.frames[view.frame[n]!]?.name === name) out.push(n);
  return out;
}

function pathOf(view: StackTreeView, node: number): string[] {
  const names: string[] = [];
  for (let n = node; n > 0; n = view.parent[n]!) names.unshift(view.frames[view.frame[n]!]!.name);
  return names;
}

async function postFromHost(page: Page, message: HostToWebview): Promise<void> {
  await page.evaluate((m) => (globalThis as unknown as { postMessage(m: unknown, origin: string): void }).postMessage(m, '*'), message);
}

/** Every costed line the hints would show with `options` (what the host passes to lineCosts): "file:line flat cum". */
function hintLines(host: EditorHost, options: unknown): string[] {
  const params = parseLineCostsParams(options);
  assert.ok(params, 'the hint options pass the lineCosts validator');
  const ask = (files?: string[]): LineCostsView => {
    const r = host.handlers.answer({ kind: 'request', id: 0, method: 'lineCosts', params: { ...params, ...(files ? { files } : {}) } });
    if (!r.ok || r.method !== 'lineCosts') throw new Error('no line costs');
    return r.result;
  };
  const files = ask().files.map((f) => f.file);
  return ask(files)
    .files.filter((f) => f.file !== '_testmain.go')
    .flatMap((f) => (f.lines ?? []).map((l) => `${f.file}:${l.line} ${l.flat} ${l.cum}`))
    .sort();
}

/** `go tool pprof -list=.` with `args`: "file:line flat cum" per costed line (the example's files found through -source_path). */
async function pprofLines(ours: readonly string[], args: string[]): Promise<string[]> {
  // Where the profile was captured (another machine's path), for -trim_path.
  const trimmed = ours.map((l) => /^(.*\/home\/alice\/src\/hotspots)\//.exec(l)?.[1]).find((x) => x !== undefined);
  assert.ok(trimmed, 'the profile was captured under another path');
  const text = await goPprofRaw(CPU, ['-list=.', '-unit=ns', `-source_path=${join(repoRoot, 'examples')}`, `-trim_path=${trimmed}`, ...args]);
  return parsePprofList(text, trimmed);
}

describe('profile editor ↔ editor hints in Chromium', () => {
  const editor = useEditorPage();

  test('revealFunction from the host: the Flame tab opens with that function selected', async () => {
    const { page, session, seen } = editor;
    const host = new EditorHost(CPU);
    await editor.open(host, 'top');
    assert.equal(await page.isVisible('[data-testid="flame-view"]'), false, 'starts on the Top tab');

    await postFromHost(page, { kind: 'revealFunction', name: IS_PRIME });
    await page.waitForSelector('[data-testid="flame-view"]', { state: 'visible' });
    await session.idle();
    assert.match((await page.textContent('.gp-flame .gp-sr-only')) ?? '', new RegExp(IS_PRIME.replace(/\./g, '\\.')));

    // Another function while already on the Flame tab.
    await postFromHost(page, { kind: 'revealFunction', name: COUNT_PRIMES });
    await session.idle();
    const said = (await page.textContent('.gp-flame .gp-sr-only')) ?? '';
    assert.match(said, /hotspots\.countPrimes/);
    assert.doesNotMatch(said, /isPrime/);
    assert.deepEqual(seen.errors, []);
  });

  test('zooming into a frame tells the host its path; the hints follow it like pprof -focus; zooming out restores them', async () => {
    const { page, session, seen } = editor;
    const host = new EditorHost(CPU);
    await editor.open(host, 'flame');
    const view = flameOf(host);
    const nodes = nodesNamed(view, COUNT_PRIMES);
    assert.equal(nodes.length, 1, 'countPrimes has one frame (not recursive), so the zoom and -focus coincide');
    const node = nodes[0]!;

    const options = new FlameZoomState();
    const lastFlame = host.requests('flame').at(-1);
    assert.ok(lastFlame);
    const unzoomed = options.request(lastFlame.params);

    const p = await flamePoint(page, view, node);
    await page.mouse.click(p.x, p.y);
    await session.idle();
    const zoom = host.last('flameZoom');
    assert.deepEqual(zoom, { kind: 'flameZoom', path: pathOf(view, node) });

    const zoomed = options.zoomed(zoom.path);
    const all = hintLines(host, unzoomed);
    const under = hintLines(host, zoomed);
    assert.notDeepEqual(under, all, 'the zoom changes the line costs');
    assert.deepEqual(under, await pprofLines(under, [`-focus=^${COUNT_PRIMES.replace(/\./g, '\\.')}$`]));
    assert.deepEqual(all, await pprofLines(all, []));

    await page.keyboard.press('Escape');
    await session.idle();
    assert.deepEqual(host.last('flameZoom'), { kind: 'flameZoom', path: [] });
    assert.deepEqual(hintLines(host, options.zoomed([])), all, 'zoomed out: the whole profile again');
    // A request with other options starts unzoomed (a new flame tree).
    options.zoomed(zoom.path);
    assert.deepEqual(hintLines(host, options.request({ ...lastFlame.params, focus: 'main' })), hintLines(host, { ...lastFlame.params, focus: 'main' }));
    assert.deepEqual(seen.errors, []);
  });
});
