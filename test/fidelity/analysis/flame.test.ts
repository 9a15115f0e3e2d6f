/**
 * The flame tree against `go tool pprof -top`: the root holds the total of the kept samples and,
 * for every function, the sum of self over its nodes is its flat and the value of its outermost
 * nodes (no ancestor of the same name) is its cum. Plus the layout contract for the webview.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ensureGoFixtures, repoRoot } from '../../support/go-fixtures';
import { goPprofTop, type GoPprofOptions } from '../../support/go-pprof';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import { buildFlameTree, type FlameTree } from '../../../src/analysis/flame';

/** Flat and cum per printable name, read back from a root-first tree. */
function totalsFromTree(tree: FlameTree): Map<string, { flat: number; cum: number }> {
  const totals = new Map<string, { flat: number; cum: number }>();
  const nameOf = (n: number): string => tree.frames[tree.frame[n]!]!.name;
  for (let n = 1; n < tree.count; n++) {
    const name = nameOf(n);
    const t = totals.get(name) ?? { flat: 0, cum: 0 };
    t.flat += tree.self[n]!;
    let outermost = true;
    for (let p = tree.parent[n]!; p > 0; p = tree.parent[p]!) {
      if (nameOf(p) === name) {
        outermost = false;
        break;
      }
    }
    if (outermost) t.cum += tree.value[n]!;
    totals.set(name, t);
  }
  return totals;
}

async function compareWithTop(file: string, options: GoPprofOptions): Promise<void> {
  const tree = buildFlameTree(await readProfileFile(file), options);
  const top = await goPprofTop(file, options);
  const totals = totalsFromTree(tree);
  const expected = new Map(top.rows.map((r) => [r.name, { flat: r.flat, cum: r.cum }]));
  assert.ok(expected.size > 0);
  assert.deepEqual(new Map([...totals].filter(([, t]) => t.flat !== 0 || t.cum !== 0)), expected, `flame totals of ${file}`);
  assert.equal(tree.total, top.shown, 'the root holds every kept sample');
}

const large = join(repoRoot, 'test', 'fixtures', 'profiles', 'large.cpu.pb.gz');

test('flame tree of the large CPU profile: per-function flat and cum equal pprof -top', async () => {
  await compareWithTop(large, {});
  await compareWithTop(large, { granularity: 'lines', focus: 'main' });
});

test('flame tree of real Go fixtures: per-function flat and cum equal pprof -top', async () => {
  const f = await ensureGoFixtures();
  await compareWithTop(f.cpu, {});
  await compareWithTop(f.heap, { sampleIndex: 'alloc_space' });
  await compareWithTop(f.goroutine, { hide: 'runtime\\.gopark' });
  await compareWithTop(f.mutex, {});
});

test('flame layout: breadth first, children contiguous and sorted by name, values add up', async () => {
  const tree = buildFlameTree(await readProfileFile(large), {});
  assert.equal(tree.frame[0], -1);
  assert.equal(tree.parent[0], -1);
  for (let n = 0; n < tree.count; n++) {
    const first = tree.firstChild[n]!;
    let childSum = 0;
    for (let c = first; c < first + tree.childCount[n]!; c++) {
      assert.equal(tree.parent[c], n);
      assert.equal(tree.depth[c], tree.depth[n]! + 1);
      if (c > first) assert.ok(tree.frames[tree.frame[c - 1]!]!.name < tree.frames[tree.frame[c]!]!.name, 'sorted, distinct');
      childSum += tree.value[c]!;
    }
    assert.equal(tree.value[n], tree.self[n]! + childSum, `node ${n} value = self + children`);
    if (n > 0) assert.ok(tree.depth[n]! >= tree.depth[n - 1]!, 'breadth-first order');
  }
});

test('flame minFraction drops small subtrees but keeps every kept node exact', async () => {
  const profile = await readProfileFile(large);
  const full = buildFlameTree(profile, {});
  const pruned = buildFlameTree(profile, { minFraction: 0.01 });
  assert.ok(pruned.count < full.count && pruned.count > 1);
  assert.equal(pruned.droppedNodes, full.count - pruned.count);
  assert.equal(pruned.total, full.total);
  for (let n = 1; n < pruned.count; n++) assert.ok(Math.abs(pruned.value[n]!) >= 0.01 * Math.abs(pruned.total));
});
