/** Top-down and bottom-up call trees against `go tool pprof -top` and against each other. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureGoFixtures } from '../../support/go-fixtures';
import { goPprofTop } from '../../support/go-pprof';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import { buildCallTree, childrenOf, pathTo } from '../../../src/analysis/tree';
import { buildFlameTree } from '../../../src/analysis/flame';

test('top-down tree is the flame tree', async () => {
  const f = await ensureGoFixtures();
  const profile = await readProfileFile(f.cpu);
  const tree = buildCallTree(profile, { direction: 'top-down' });
  const flame = buildFlameTree(profile, {});
  assert.deepEqual(Array.from(tree.value), Array.from(flame.value));
  assert.deepEqual(Array.from(tree.frame), Array.from(flame.frame));
});

test('bottom-up tree: its first level is each function flat, as pprof -top; callers below sum to it', async () => {
  const f = await ensureGoFixtures();
  for (const [file, sampleIndex] of [
    [f.cpu, undefined],
    [f.allocs, 'alloc_space'],
    [f.block, undefined],
  ] as const) {
    const profile = await readProfileFile(file);
    const tree = buildCallTree(profile, { direction: 'bottom-up', sampleIndex });
    const top = await goPprofTop(file, { sampleIndex });
    const firstLevel = new Map(childrenOf(tree, 0).map((c) => [tree.frames[tree.frame[c]!]!.name, tree.value[c]!]));
    const expected = new Map(top.rows.filter((r) => r.flat !== 0).map((r) => [r.name, r.flat]));
    assert.deepEqual(firstLevel, expected, `bottom-up roots of ${file}`);
    assert.equal(tree.total, top.shown);
    for (let n = 1; n < tree.count; n++) {
      const below = childrenOf(tree, n).reduce((a, c) => a + tree.value[c]!, 0);
      assert.equal(tree.value[n], tree.self[n]! + below);
      assert.deepEqual(pathTo(tree, n).at(-1), n);
    }
  }
});
