// Sums past 2^53 are exact on the slow path, also when every value is within 2^53: three
// values of 2^52 + 1 add up to 3 * 2^52 + 3, which float64 cannot hold. Profiles whose sums stay
// under 2^53 take the fast path (no exact fields).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCallGraph } from '../../../src/analysis/callgraph';
import { mergeForDiff } from '../../../src/analysis/diff';
import { sumsAreExact } from '../../../src/analysis/exact-values';
import { foldedRows } from '../../../src/analysis/folded';
import { buildStacks } from '../../../src/analysis/stacks';
import { topTable } from '../../../src/analysis/top';
import { buildTraces } from '../../../src/analysis/traces';
import { buildProfile } from '../../support/profile-builder';

const V = 2 ** 52 + 1;
const SUM = 3n * (2n ** 52n + 1n);

const profile = buildProfile({
  sampleTypes: [['samples', 'count']],
  samples: [
    { stack: ['main.a', 'main.main'], values: [V] },
    { stack: ['main.b', 'main.main'], values: [V] },
    { stack: ['main.a', 'main.main'], values: [V] },
  ],
});

test('the float64 sum is not the true sum here, so reports take the exact path', () => {
  assert.notEqual(BigInt(V + V + V), SUM);
  assert.equal(sumsAreExact(profile, 0), false);
});

test('top, stacks, call graph, traces and folded stacks carry exact sums', () => {
  const table = topTable(profile, {});
  assert.equal(table.exactTotal, SUM);
  const row = (name: string): [bigint | undefined, bigint | undefined] => {
    const r = table.rows.find((x) => x.name === name)!;
    return [r.exactFlat, r.exactCum];
  };
  assert.deepEqual([row('main.a'), row('main.b'), row('main.main')], [[2n * BigInt(V), 2n * BigInt(V)], [BigInt(V), BigInt(V)], [0n, SUM]]);
  assert.deepEqual(buildStacks(profile, {}).exactValues, [2n * BigInt(V), BigInt(V)]);
  const graph = buildCallGraph(profile, { exact: true, nodeFraction: 0, edgeFraction: 0 });
  assert.equal(graph.exactTotal, SUM);
  assert.equal(graph.nodes.find((n) => n.name === 'main.main')!.exactCum, SUM);
  assert.deepEqual(graph.edges.map((e) => e.exactWeight).sort(), [BigInt(V), 2n * BigInt(V)].sort());
  assert.equal(buildCallGraph(profile, {}).nodes[0]!.exactFlat, undefined, 'only when asked (bigints cannot go to the webview)');
  assert.deepEqual(buildTraces(profile, { merge: true }).traces.map((t) => t.exactValue), [2n * BigInt(V), BigInt(V)]);
  assert.deepEqual(foldedRows(buildStacks(profile, {}), (n) => n).map((r) => r.value), [2n * BigInt(V), BigInt(V)]);
});

test('a comparison keeps exact values: the profile minus itself is empty, minus a smaller one exact', () => {
  const same = mergeForDiff(profile, profile, 'base');
  assert.equal(same.samples.count, 0);
  const smaller = buildProfile({ sampleTypes: [['samples', 'count']], samples: [{ stack: ['main.a', 'main.main'], values: [1] }] });
  assert.equal(topTable(mergeForDiff(profile, smaller, 'base'), {}).rows.find((r) => r.name === 'main.a')!.exactFlat, 2n * BigInt(V) - 1n);
});

test('sums under 2^53 take the fast path: no exact fields', () => {
  const small = buildProfile({ sampleTypes: [['samples', 'count']], samples: [{ stack: ['main.a'], values: [2 ** 52] }, { stack: ['main.b'], values: [2 ** 52 - 1] }] });
  assert.equal(sumsAreExact(small, 0), true);
  assert.equal(topTable(small, {}).exactTotal, undefined);
  assert.equal(buildStacks(small, {}).exactValues, undefined);
});
