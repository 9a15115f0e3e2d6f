/**
 * pprof's -call_tree graph (one node per calling context) against `go tool pprof -dot
 * -call_tree`: the same nodes (name, flat, cum) and the same edges (caller, callee, weight,
 * residual and inline marks). Nodes with equal names are told apart only by their context, and
 * pprof orders exact ties from a Go map, so nodes and edges are compared as multisets.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ensureGoFixtures, repoRoot } from '../../support/go-fixtures';
import { goPprofRaw, parsePprofValue, pprofUnitFlag } from '../../support/go-pprof';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import { buildCallGraph, type CallGraphOptions } from '../../../src/analysis/callgraph';
import type { ReportOptions } from '../../../src/analysis/options';
import { selectSampleType, sampleTypeAt } from '../../../src/analysis/sample-type';

interface DotNode {
  name: string;
  flat: number;
  cum: number;
}

function unescapeDot(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

/** Node and edge keys of `pprof -dot` output printed in the base unit. */
function parseDot(dot: string): { nodes: string[]; edges: string[] } {
  const byId = new Map<string, DotNode>();
  const nodes: string[] = [];
  const edges: string[] = [];
  for (const line of dot.split('\n')) {
    const node = /^N(\d+) \[label="((?:[^"\\]|\\.)*)" id="node\d+".* tooltip="((?:[^"\\]|\\.)*) \((-?\d+)[A-Za-z]*\)"/.exec(line);
    if (node) {
      const [, id = '', label = '', name = '', cum = ''] = node;
      const flatMatch = /\\n(-?\d+)[A-Za-z]* \([^)]*\)(?:\\nof .*)?$/.exec(label);
      const flat = flatMatch ? parsePprofValue(flatMatch[1] ?? '', line) : 0;
      const n = { name: unescapeDot(name), flat, cum: Number(cum) };
      byId.set(id, n);
      nodes.push(nodeKey(n));
      continue;
    }
    const edge = /^N(\d+) -> N(\d+) \[label=" (-?\d+)[A-Za-z]*(\\n \(inline\))?"/.exec(line);
    if (edge) {
      const [, from = '', to = '', weight = '', inline] = edge;
      const src = byId.get(from);
      const dst = byId.get(to);
      assert.ok(src && dst, `edge between unknown nodes: ${line}`);
      edges.push(edgeKey(src, dst, Number(weight), line.includes('style="dotted"'), inline !== undefined));
    }
  }
  return { nodes, edges };
}

const nodeKey = (n: DotNode): string => `${n.name} flat=${n.flat} cum=${n.cum}`;
const edgeKey = (from: DotNode, to: DotNode, weight: number, residual: boolean, inline: boolean): string =>
  `${nodeKey(from)} -> ${nodeKey(to)} ${weight}${residual ? ' residual' : ''}${inline ? ' inline' : ''}`;

async function compareWithCallTree(file: string, options: ReportOptions & CallGraphOptions, flags: string[]): Promise<{ tree: number; graph: number }> {
  const profile = await readProfileFile(file);
  const unit = sampleTypeAt(profile, selectSampleType(profile, options.sampleIndex)).unit;
  const expected = parseDot(await goPprofRaw(file, ['-dot', '-call_tree', `-unit=${pprofUnitFlag(unit)}`, ...flags]));
  const graph = buildCallGraph(profile, { ...options, callTree: true });
  const nodes = graph.nodes.map((n) => ({ name: n.name, flat: n.flat, cum: n.cum }));
  assert.ok(expected.nodes.length > 0, `pprof -dot -call_tree printed no nodes for ${file}`);
  const where = `${file} -call_tree ${flags.join(' ')}`;
  assert.deepEqual(nodes.map(nodeKey).sort(), [...expected.nodes].sort(), `nodes of ${where}`);
  const edges = graph.edges.map((e) => edgeKey(nodes[e.from]!, nodes[e.to]!, e.weight, e.residual, e.inline));
  assert.deepEqual(edges.sort(), [...expected.edges].sort(), `edges of ${where}`);
  return { tree: expected.nodes.length, graph: parseDot(await goPprofRaw(file, ['-dot', `-unit=${pprofUnitFlag(unit)}`, ...flags])).nodes.length };
}

const large = join(repoRoot, 'test', 'fixtures', 'profiles', 'large.cpu.pb.gz');

test('call tree of the Go CPU fixture equals pprof -dot -call_tree', async () => {
  const f = await ensureGoFixtures();
  await compareWithCallTree(f.cpu, {}, []);
  await compareWithCallTree(f.cpu, { nodeCount: 8 }, ['-nodecount=8']);
});

test('call tree of the large CPU profile with -nodecount=30 equals pprof -dot -call_tree', async () => {
  const { tree } = await compareWithCallTree(large, { nodeCount: 30 }, ['-nodecount=30']);
  assert.ok(tree > 1 && tree <= 30, `pprof kept ${tree} tree nodes`);
  // Without the fractions, 30 nodes out of a deep recursion: spliced paths become residual edges.
  const all = await compareWithCallTree(large, { nodeCount: 30, nodeFraction: 0, edgeFraction: 0 }, ['-nodecount=30', '-nodefraction=0', '-edgefraction=0']);
  assert.equal(all.tree, 30);
});

test('call tree of the large CPU profile (default selection) equals pprof -dot -call_tree', async () => {
  await compareWithCallTree(large, {}, []);
});

test('the whole call tree of the Go CPU fixture repeats functions per calling context, each node with one parent', async () => {
  const f = await ensureGoFixtures();
  const all = { nodeCount: 0, nodeFraction: 0, edgeFraction: 0 };
  const { tree, graph: plain } = await compareWithCallTree(f.cpu, all, ['-nodecount=0', '-nodefraction=0', '-edgefraction=0']);
  assert.ok(tree > plain, `the tree has more nodes (${tree}) than the graph (${plain})`);
  const graph = buildCallGraph(await readProfileFile(f.cpu), { ...all, callTree: true });
  const names = graph.nodes.map((n) => n.name);
  assert.ok(new Set(names).size < names.length, 'some function appears under more than one caller');
  for (const n of graph.nodes) assert.ok(graph.edges.filter((e) => e.to === n.id).length <= 1, `${n.name} has one parent in the tree`);
});

test('call tree of the heap fixture (labels count as nodelets) equals pprof -dot -call_tree', async () => {
  const f = await ensureGoFixtures();
  for (const sampleIndex of ['alloc_space', 'inuse_objects']) {
    await compareWithCallTree(f.heap, { sampleIndex, nodeCount: 10 }, [`-sample_index=${sampleIndex}`, '-nodecount=10']);
  }
});
