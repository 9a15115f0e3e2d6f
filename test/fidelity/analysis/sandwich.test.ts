/**
 * The Sandwich tab's data against `go tool pprof -peek` on real Go profiles: the function's
 * flat/cum and its immediate callers/callees (the table), and the first level of both flame
 * halves, including direct and mutual recursion.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureGoFixtures } from '../../support/go-fixtures';
import { goPprofRaw, pprofUnitFlag } from '../../support/go-pprof';
import { parsePeek, type PeekBlock } from '../../support/pprof-peek';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import { buildSandwichView } from '../../../src/worker/sandwich-builder';
import type { SandwichView } from '../../../src/shared/sandwich-view';
import type { StackTreeView } from '../../../src/shared/view-model';

/** "name weight" of the root's children, heaviest first (the order pprof prints edges in). */
function firstLevel(tree: StackTreeView): string[] {
  const rows: { name: string; value: number }[] = [];
  for (let c = tree.firstChild[0]!; c < tree.firstChild[0]! + tree.childCount[0]!; c++) {
    rows.push({ name: tree.frames[tree.frame[c]!]!.name, value: tree.value[c]! });
  }
  rows.sort((a, b) => b.value - a.value || (a.name < b.name ? -1 : 1));
  return rows.map((r) => `${r.name} ${r.value}`);
}

const withoutInline = (edges: readonly string[]): string[] => edges.map((e) => e.replace(' (inline) ', ' '));

async function sandwichAndPeek(file: string, name: string): Promise<{ view: SandwichView; block: PeekBlock }> {
  const profile = await readProfileFile(file);
  const sampleIndex = profile.sampleTypes.length - 1;
  const view = buildSandwichView(profile, { sampleIndex, name });
  const regex = `^${name.replace(/[.()*]/g, '\\$&')}$`;
  const blocks = parsePeek(await goPprofRaw(file, [`-peek=${regex}`, `-sample_index=${sampleIndex}`, `-unit=${pprofUnitFlag(view.callers.unit)}`]));
  assert.equal(blocks.length, 1, `pprof -peek ${regex} matched ${blocks.length} functions`);
  return { view, block: blocks[0]! };
}

/** The table (pprof -peek's rows, formatted) and both roots hold the function's flat and cum. */
function assertTableMatches(view: SandwichView, block: PeekBlock): void {
  const rows = (r: SandwichView['peek']['callers']): string[] => r.map((row) => `${row.name} ${row.value}`);
  assert.deepEqual(rows(view.peek.callers), withoutInline(block.callers), `callers of ${block.name}`);
  assert.deepEqual(rows(view.peek.callees), withoutInline(block.callees), `callees of ${block.name}`);
  assert.equal(view.callers.total, block.cum, `cum of ${block.name} (callers root)`);
  assert.equal(view.callees.total, block.cum, `cum of ${block.name} (callees root)`);
}

test('sandwich of functions without recursion: both flame halves start with pprof -peek callers and callees', async () => {
  const f = await ensureGoFixtures();
  for (const name of ['main.main', 'main.burnMedium']) {
    const { view, block } = await sandwichAndPeek(f.cpu, name);
    assertTableMatches(view, block);
    assert.deepEqual(firstLevel(view.callers), withoutInline(block.callers), `callers half of ${name}`);
    assert.deepEqual(firstLevel(view.callees), withoutInline(block.callees), `callees half of ${name}`);
  }
});

test('sandwich of a directly recursive function counts the recursion once, as pprof -peek does', async () => {
  const f = await ensureGoFixtures();
  const { view, block } = await sandwichAndPeek(f.cpu, 'main.recurseDirect');
  assertTableMatches(view, block);
  assert.ok(block.callers.length > 0);
  assert.deepEqual(firstLevel(view.callers), withoutInline(block.callers));
  assert.deepEqual(firstLevel(view.callees), withoutInline(block.callees));
  // The flat: samples ending in the recursion are the callees root's own value.
  assert.equal(view.callees.self[0], block.flat);
});

test('sandwich of mutually recursive functions: the table equals pprof -peek, each half holds the cum once', async () => {
  const f = await ensureGoFixtures();
  for (const name of ['main.ping', 'main.pong']) {
    const { view, block } = await sandwichAndPeek(f.cpu, name);
    assertTableMatches(view, block);
    // Every caller in the halves' first level is one pprof names, never with more than its edge.
    const edges = new Map(withoutInline(block.callers).map((e) => [e.slice(0, e.lastIndexOf(' ')), Number(e.slice(e.lastIndexOf(' ') + 1))]));
    for (const row of firstLevel(view.callers)) {
      const caller = row.slice(0, row.lastIndexOf(' '));
      assert.ok(edges.has(caller), `${caller} is not a caller of ${name} in pprof -peek`);
      assert.ok(Number(row.slice(row.lastIndexOf(' ') + 1)) <= edges.get(caller)!, row);
    }
  }
});
