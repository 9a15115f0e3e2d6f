/**
 * buildWideStackTrie builds only the nodes at least |total|/parts wide, without the whole trie.
 * Expected: the whole trie (buildStackTrie) cut afterwards by coarseFlame, which keeps every
 * node whose path is wide enough, renumbered breadth first.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { decodeProfile } from '../../../src/pprof';
import { inflateNode } from '../../../src/pprof/inflate-node';
import { buildStacks } from '../../../src/analysis/stacks';
import { buildStackTrie } from '../../../src/analysis/stack-trie';
import { buildWideStackTrie } from '../../../src/analysis/wide-trie-builder';
import { coarseFlame } from '../../../src/worker/coarse-flame';
import { stackTreeView } from '../../../src/worker/tree-builders';

const examples = ['hotspots.cpu.pb.gz', 'hotspots.heap.pb.gz', 'hotspots.block.pb.gz'];

for (const name of examples) {
  const bytes = gunzipSync(readFileSync(new URL(`../../../examples/profiles/${name}`, import.meta.url)));
  const profile = decodeProfile(bytes, { source: name, inflate: inflateNode });
  for (let sampleIndex = 0; sampleIndex < profile.sampleTypes.length; sampleIndex++) {
    for (const parts of [8, 50, 400]) {
      test(`${name} sample ${sampleIndex}, parts ${parts}: the wide trie is the whole trie's wide part, exactly`, () => {
        const stacks = buildStacks(profile, { sampleIndex });
        const whole = stackTreeView(buildStackTrie(stacks, { direction: 'root-first' }), sampleIndex, '');
        const expected = coarseFlame(whole, 0, parts);
        const wide = buildWideStackTrie(stacks, parts);
        const got = stackTreeView(wide, sampleIndex, '');
        assert.equal(wide.cut, expected.coarse !== undefined, 'cut exactly when some node is too narrow');
        assert.equal(got.total, whole.total);
        for (const key of ['frame', 'parent', 'firstChild', 'childCount', 'value', 'self'] as const) {
          assert.deepEqual(Array.from(got[key]), Array.from(expected[key]), key);
        }
        // depth is not in the view: check it against the parents.
        for (let n = 1; n < wide.count; n++) assert.equal(wide.depth[n], wide.depth[wide.parent[n]!]! + 1);
      });
    }
  }
}

test('with parts 1 only the root and frames holding everything are kept; the cut is reported', () => {
  const bytes = gunzipSync(readFileSync(new URL('../../../examples/profiles/hotspots.cpu.pb.gz', import.meta.url)));
  const profile = decodeProfile(bytes, { source: 'hotspots', inflate: inflateNode });
  const stacks = buildStacks(profile, { sampleIndex: 1 });
  const wide = buildWideStackTrie(stacks, 1);
  assert.equal(wide.cut, true);
  for (let n = 1; n < wide.count; n++) assert.equal(wide.value[n], wide.total);
});
