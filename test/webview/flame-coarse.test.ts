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
import { encodeWithProtobufjs } from '../support/protobuf-reference';
import { useEditorPage } from './page-fixture';
import { EditorHost } from './editor-driver';

/** main.main -> pkg.gI (I < OUTER) -> pkg.hJ (J < INNER), each leaf sample 1 ns, plus main.main -> main.hot worth HOT ns. */
const OUTER = 300;
const INNER = 200;
const HOT = 100_000;
const TOTAL = OUTER * INNER + HOT;

function writeBushyProfile(path: string): void {
  const strings = ['', 'cpu', 'nanoseconds', 'main.main', 'main.go', 'main.hot', 'pkg/bushy.go'];
  const fn = [
    { id: 1, name: 3, systemName: 3, filename: 4, startLine: 1 },
    { id: 2, name: 5, systemName: 5, filename: 4, startLine: 10 },
  ];
  const location = [
    { id: 1, line: [{ functionId: 1, line: 2 }] },
    { id: 2, line: [{ functionId: 2, line: 11 }] },
  ];
  const addFunction = (name: string): number => {
    strings.push(name);
    const id = fn.length + 1;
    fn.push({ id, name: strings.length - 1, systemName: strings.length - 1, filename: 6, startLine: id });
    location.push({ id, line: [{ functionId: id, line: id + 1 }] });
    return id;
  };
  const outer = Array.from({ length: OUTER }, (_, i) => addFunction(`pkg.g${i}`));
  const inner = Array.from({ length: INNER }, (_, j) => addFunction(`pkg.h${j}`));
  const sample = [{ locationId: [2, 1], value: [HOT], label: [] as never[] }];
  for (const g of outer) for (const h of inner) sample.push({ locationId: [h, g, 1], value: [1], label: [] });
  const bytes = encodeWithProtobufjs({
    sampleType: [{ type: 1, unit: 2 }],
    periodType: { type: 1, unit: 2 },
    period: 1,
    sample,
    location: location as never,
    function: fn,
    stringTable: strings,
  });
  writeFileSync(path, gzipSync(bytes));
}

describe('a big flame tree paints coarse first, then whole', () => {
  const editor = useEditorPage();

  before(() => writeBushyProfile(join(editor.scratch, 'bushy.pb.gz')));

  test('coarse tree first (no pkg.h frames), then the whole tree: every pkg.h frame, the same total and search numbers', async () => {
    const { page, scratch, seen } = editor;
    const host = new EditorHost(join(scratch, 'bushy.pb.gz'));
    await editor.open(host, 'flame');
    await page.waitForSelector('[data-testid="flame-view"][data-coarse="false"]');
    await editor.session.idle();
    // The first answer was the coarse tree: root, main.main, main.hot and the OUTER pkg.g frames
    // (each INNER/TOTAL wide, above 1/4096); every pkg.h frame (1/TOTAL) was left out.
    const first = host.requests()[0];
    assert.equal(first?.method, 'flame');
    const coarse = host.handlers.answer({ kind: 'request', id: 0, method: 'flame', params: first.params });
    if (!coarse.ok || coarse.method !== 'flame') return assert.fail('no coarse tree');
    assert.deepEqual(coarse.result.coarse, { shownNodes: 3 + OUTER, allNodes: 3 + OUTER + OUTER * INNER });
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
});
