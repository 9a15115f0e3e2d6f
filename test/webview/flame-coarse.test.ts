/**
 * A big flame tree in Chromium: the editor paints its coarse part first (only frames wide
 * enough to see), then the whole tree replaces it with the same numbers, keeping the search.
 * The profile is made here with a known shape, so the expected numbers come from its recipe.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildProfile, encodeProfile, type SampleSpec } from '../support/profile-builder';
import { useEditorPage } from './page-fixture';
import { EditorHost, flameOf, flamePoint } from './editor-driver';
import { nodeNamed } from './flame-geometry';
import { WorkerHandlers } from '../../src/worker/worker-handlers';

const OUTER = 300;
const INNER = 200;
const HOT = 100_000;
const TOTAL = OUTER * INNER + HOT;

/**
 * main.main -> pkg.gI (I < OUTER) -> pkg.hJ (J < INNER), each leaf sample 1 ns, plus `wide`
 * (a stack under main.main) worth HOT ns.
 */
function writeBushyProfile(path: string, wide: readonly string[]): void {
  const samples: SampleSpec[] = [{ stack: [...wide, 'main.main main.go:2'], values: [HOT] }];
  for (let i = 0; i < OUTER; i++) {
    for (let j = 0; j < INNER; j++) samples.push({ stack: [`pkg.h${j} pkg/bushy.go:${j + 1}`, `pkg.g${i} pkg/bushy.go:${i + 1}`, 'main.main main.go:2'], values: [1] });
  }
  const profile = buildProfile({ sampleTypes: [['cpu', 'nanoseconds']], periodType: ['cpu', 'nanoseconds'], period: 1, samples });
  writeFileSync(path, gzipSync(encodeProfile(profile)));
}

describe('a big flame tree paints coarse first, then whole', () => {
  const editor = useEditorPage();

  before(() => {
    writeBushyProfile(join(editor.scratch, 'bushy.pb.gz'), ['main.hot main.go:11']);
    // zz.deep: a wide frame numbered after narrow ones in the whole tree.
    writeBushyProfile(join(editor.scratch, 'wide-after-narrow.pb.gz'), ['zz.deep zz.go:3', 'zz.wide zz.go:2']);
  });

  test('after the whole tree replaces the coarse one, right-click → Focus on subtree names the whole tree\'s frames', async () => {
    const { page, scratch, seen } = editor;
    const host = new EditorHost(join(scratch, 'wide-after-narrow.pb.gz'));
    await editor.open(host, 'flame');
    await page.waitForSelector('[data-testid="flame-view"][data-coarse="false"]');
    await editor.session.idle();
    const whole = flameOf(host);
    const deep = nodeNamed(whole, 'zz.deep');
    // The check needs zz.deep numbered differently in the coarse tree (narrow frames come first in the whole one).
    const coarse = host.handlers.answer({ kind: 'request', id: 0, method: 'flame', params: host.requests()[0]!.params });
    if (!coarse.ok || coarse.method !== 'flame' || !coarse.result.coarse) return assert.fail('no coarse tree');
    assert.notEqual(nodeNamed(coarse.result, 'zz.deep'), deep);
    const p = await flamePoint(page, whole, deep);
    await page.mouse.click(p.x, p.y, { button: 'right' });
    await page.click('[data-testid="function-menu"] [data-testid="menu-focus-subtree"]');
    await editor.session.idle();
    const params = host.requests('flame').at(-1)?.params;
    assert.deepEqual(params && 'transforms' in params ? params.transforms : undefined, [{ kind: 'focusSubtree', path: ['main.main', 'zz.wide', 'zz.deep'] }]);
    assert.deepEqual(seen, { dialogs: [], errors: [] });
  });

  test('coarse tree first (no pkg.h frames), then the whole tree: every pkg.h frame, the same total and search numbers', async () => {
    const { page, scratch, seen } = editor;
    const host = new EditorHost(join(scratch, 'bushy.pb.gz'));
    await editor.open(host, 'flame');
    await page.waitForSelector('[data-testid="flame-view"][data-coarse="false"]');
    await editor.session.idle();
    // The first answer was the coarse tree (built alone): root, main.main, main.hot and the OUTER pkg.g frames
    // (each INNER/TOTAL wide, above 1/4096); every pkg.h frame (1/TOTAL) was left out.
    const first = host.requests()[0];
    assert.equal(first?.method, 'flame');
    const coarse = host.handlers.answer({ kind: 'request', id: 0, method: 'flame', params: first.params });
    if (!coarse.ok || coarse.method !== 'flame') return assert.fail('no coarse tree');
    assert.deepEqual(coarse.result.coarse, { shownNodes: 3 + OUTER });
    assert.equal(coarse.result.total, TOTAL);
    // Then the whole tree, for the same query.
    assert.deepEqual(
      host.requests().map((r) => r.method).filter((m) => m.startsWith('flame')),
      ['flame', 'flameWhole'],
    );
    assert.deepEqual(host.requests('flameWhole')[0]?.params, first.params);
    // What is drawn now is the whole tree: a search finds every pkg.h frame, with its exact share.
    await page.fill('[data-testid="search-input"]', '^pkg\\.h');
    await page.locator('[data-testid="search-status"]', { hasText: /matches? · / }).waitFor();
    const status = await page.textContent('[data-testid="search-status"]');
    assert.match(status ?? '', new RegExp(`^${OUTER * INNER} matches · ${((100 * OUTER * INNER) / TOTAL).toFixed(2)}% of total`));
    assert.deepEqual(seen, { dialogs: [], errors: [] });
  });

  test('a whole tree above the part size comes in parts (flameWhole, then every treePart at once) and is drawn whole', async () => {
    const { page, scratch, seen } = editor;
    const PART = 5000;
    const host = new EditorHost(join(scratch, 'bushy.pb.gz'), undefined, 'bushy.pb.gz', new WorkerHandlers(PART));
    await editor.open(host, 'flame');
    await page.waitForSelector('[data-testid="flame-view"][data-coarse="false"]');
    await editor.session.idle();
    const nodes = 3 + OUTER + OUTER * INNER;
    const expectedParts = Array.from({ length: Math.ceil(nodes / PART) - 1 }, (_, i) => (i + 1) * PART);
    assert.deepEqual(
      host.requests().map((r) => r.method).filter((m) => m.startsWith('flame') || m === 'treePart'),
      ['flame', 'flameWhole', ...expectedParts.map(() => 'treePart')],
    );
    assert.deepEqual(host.requests('treePart').map((r) => (r.params as { from: number }).from), expectedParts);
    await page.fill('[data-testid="search-input"]', '^pkg\\.h');
    await page.locator('[data-testid="search-status"]', { hasText: /matches? · / }).waitFor();
    const status = await page.textContent('[data-testid="search-status"]');
    assert.match(status ?? '', new RegExp(`^${OUTER * INNER} matches · ${((100 * OUTER * INNER) / TOTAL).toFixed(2)}% of total`));
    assert.deepEqual(seen, { dialogs: [], errors: [] });
  });
});
