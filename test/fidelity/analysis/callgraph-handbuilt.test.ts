/**
 * Call graph, flame tree, peek and folded stacks on hand-built profiles, each also written to a
 * file and checked against `go tool pprof -dot`: recursion, inlining, labels that count as
 * nodelets in node selection, negative (diff) values, and the empty profile.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProfile, encodeProfile, type ProfileSpec } from '../../support/profile-builder';
import { goPprofRaw } from '../../support/go-pprof';
import { ensureGoFixtures, repoRoot } from '../../support/go-fixtures';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import { mergeForDiff } from '../../../src/analysis/diff';
import { buildCallGraph, type CallGraph, type CallGraphOptions } from '../../../src/analysis/callgraph';
import { buildFlameTree } from '../../../src/analysis/flame';
import { buildFolded } from '../../../src/analysis/folded';
import { buildPeek } from '../../../src/analysis/peek';
import type { Profile } from '../../../src/pprof/profile';

const large = join(repoRoot, 'test', 'fixtures', 'profiles', 'large.cpu.pb.gz');
const scratch = mkdtempSync(join(tmpdir(), 'callgraph-handbuilt-'));
process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));
let fileCount = 0;

function writeProfile(spec: ProfileSpec): { profile: Profile; file: string } {
  const profile = buildProfile(spec);
  const file = join(scratch, `p${fileCount++}.pb`);
  writeFileSync(file, encodeProfile(profile));
  return { profile, file };
}

/** "from -> to weight[ residual][ inline]" for every edge, and "name flat cum" per node in order. */
function describe(graph: CallGraph): { nodes: string[]; edges: string[] } {
  const name = (id: number): string => graph.nodes[id]!.name;
  return {
    nodes: graph.nodes.map((n) => `${n.name} ${n.flat} ${n.cum}`),
    edges: graph.edges
      .map((e) => `${name(e.from)} -> ${name(e.to)} ${e.weight}${e.residual ? ' residual' : ''}${e.inline ? ' inline' : ''}`)
      .sort(),
  };
}

function describeDot(dot: string): { nodes: string[]; edges: string[] } {
  const names = new Map<string, string>();
  const nodes: string[] = [];
  const edges: string[] = [];
  for (const line of dot.split('\n')) {
    const n = /^N(\d+) \[label="((?:[^"\\]|\\.)*)" .*tooltip="((?:[^"\\]|\\.)*) \((-?\d+)(?:ns)?\)"/.exec(line);
    if (n) {
      names.set(n[1] ?? '', n[3] ?? '');
      const flat = /\\n(-?\d+)(?:ns)? \([^)]*\)(?:\\nof .*)?$/.exec(n[2] ?? '');
      nodes.push(`${n[3]} ${flat ? flat[1] : 0} ${n[4]}`);
      continue;
    }
    const e = /^N(\d+) -> N(\d+) \[label=" (-?\d+)(?:ns)?(\\n \(inline\))?"/.exec(line);
    if (e) {
      edges.push(
        `${names.get(e[1] ?? '')} -> ${names.get(e[2] ?? '')} ${e[3]}${line.includes('style="dotted"') ? ' residual' : ''}${e[4] ? ' inline' : ''}`,
      );
    }
  }
  return { nodes, edges: edges.sort() };
}

async function assertSameAsDot(profile: Profile, file: string, options: CallGraphOptions, flags: string[]): Promise<CallGraph> {
  const graph = buildCallGraph(profile, options);
  assert.deepEqual(describe(graph), describeDot(await goPprofRaw(file, ['-dot', ...flags])), `${flags.join(' ')}`);
  return graph;
}

const recursive: ProfileSpec = {
  sampleTypes: [['samples', 'count']],
  samples: [
    // a -> b -> a -> b (mutual recursion), b inlined into a at the top location
    { stack: ['b b.go:3', 'a a.go:2', 'b b.go:4', ['a a.go:1', 'main main.go:9']], values: [5] },
    { stack: ['c c.go:1', 'c c.go:2', 'a a.go:1', 'main main.go:9'], values: [3], labels: { phase: 'x' } },
    { stack: ['d d.go:1', 'main main.go:9'], values: [2], labels: { phase: 'y' } },
    { stack: ['main main.go:9'], values: [1] },
  ],
};

test('recursion is counted once per sample; self-calls make no edge; inlined calls are marked', async () => {
  const { profile, file } = writeProfile(recursive);
  const graph = await assertSameAsDot(profile, file, { nodeCount: 0, nodeFraction: 0, edgeFraction: 0 }, [
    '-nodecount=0',
    '-nodefraction=0',
    '-edgefraction=0',
  ]);
  const cum = new Map(graph.nodes.map((n) => [n.name, n.cum]));
  assert.equal(cum.get('a'), 8);
  assert.equal(cum.get('b'), 5);
  assert.equal(cum.get('main'), 11);
  assert.ok(!graph.edges.some((e) => e.from === e.to), 'c -> c recursion has no self edge');
});

test('node selection with few nodes matches pprof; dropped nodes leave residual edges', async () => {
  const { profile, file } = writeProfile(recursive);
  let residual = 0;
  for (const n of [1, 2, 3, 4]) {
    const graph = await assertSameAsDot(profile, file, { nodeCount: n }, [`-nodecount=${n}`]);
    residual += graph.edges.filter((e) => e.residual).length;
  }
  const diamond = writeProfile({
    sampleTypes: [['samples', 'count']],
    samples: [
      { stack: ['leaf', 'x', 'main'], values: [100] },
      { stack: ['leaf', 'y', 'main'], values: [100] },
      { stack: ['z', 'y', 'main'], values: [10] },
    ],
  });
  for (const n of [2, 3]) {
    const graph = await assertSameAsDot(diamond.profile, diamond.file, { nodeCount: n }, [`-nodecount=${n}`]);
    residual += graph.edges.filter((e) => e.residual).length;
  }
  assert.ok(residual > 0, 'some selection left residual edges');
});

test('the call graph of a diff (-base) keeps negative weights like pprof', async () => {
  const f = await ensureGoFixtures();
  // Two different CPU profiles: the fixture minus google/pprof's large.cpu.
  const merged = mergeForDiff(await readProfileFile(f.cpu), await readProfileFile(large), 'base');
  const graph = buildCallGraph(merged, { nodeCount: 20 });
  assert.ok(graph.nodes.some((n) => n.cum < 0));
  const dot = await goPprofRaw(f.cpu, ['-dot', '-unit=ns', '-nodecount=20', `-base=${large}`]);
  assert.deepEqual(describe(graph), describeDot(dot));
  // Every node, positive and negative, so that entropy ordering meets mixed signs.
  const all = buildCallGraph(merged, { focus: 'main', nodeCount: 0, nodeFraction: 0, edgeFraction: 0 });
  assert.ok(all.nodes.some((n) => n.cum > 0) && all.nodes.some((n) => n.cum < 0));
  const allFlags = ['-dot', '-unit=ns', '-focus=main', '-nodecount=0', '-nodefraction=0', '-edgefraction=0', `-base=${large}`];
  const allDot = await goPprofRaw(f.cpu, allFlags);
  assert.deepEqual(describe(all), describeDot(allDot));
});

test('the call graph of a -diff_base comparison equals pprof -dot (base marker label is no nodelet)', async () => {
  const f = await ensureGoFixtures();
  const merged = mergeForDiff(await readProfileFile(f.cpu), await readProfileFile(large), 'diff_base');
  for (const n of [5, 9]) {
    const graph = buildCallGraph(merged, { nodeCount: n });
    assert.ok(graph.nodes.length > 0);
    const dot = await goPprofRaw(f.cpu, ['-dot', '-unit=ns', `-nodecount=${n}`, `-diff_base=${large}`]);
    assert.deepEqual(describe(graph), describeDot(dot));
  }
});

test('an empty profile gives empty views, not errors', () => {
  const profile = buildProfile({ sampleTypes: [['samples', 'count']], samples: [] });
  const flame = buildFlameTree(profile, {});
  assert.equal(flame.count, 1);
  assert.equal(flame.total, 0);
  assert.equal(buildCallGraph(profile, {}).nodes.length, 0);
  assert.deepEqual(buildFolded(profile, {}), []);
  assert.equal(buildPeek(profile, '.').entries.length, 0);
});
