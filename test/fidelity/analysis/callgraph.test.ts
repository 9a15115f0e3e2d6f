/**
 * The call graph against `go tool pprof -dot` on real profiles: same nodes in the same
 * (entropy) order with the same flat and cum, same edges with the same weights and the same
 * residual and inline marks.
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
interface DotEdge {
  from: string;
  to: string;
  weight: number;
  residual: boolean;
  inline: boolean;
}

function unescapeDot(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

/** Nodes (in pprof's order) and edges of `pprof -dot` output printed in the base unit. */
function parseDot(dot: string): { nodes: DotNode[]; edges: DotEdge[] } {
  const byId = new Map<string, DotNode>();
  const nodes: DotNode[] = [];
  const edges: DotEdge[] = [];
  for (const line of dot.split('\n')) {
    const node = /^N(\d+) \[label="((?:[^"\\]|\\.)*)" id="node\d+".* tooltip="((?:[^"\\]|\\.)*) \((-?\d+)[A-Za-z]*\)"/.exec(line);
    if (node) {
      const [, id = '', label = '', name = '', cum = ''] = node;
      const flatMatch = /\\n(-?\d+)[A-Za-z]* \([^)]*\)(?:\\nof .*)?$/.exec(label);
      const flat = flatMatch ? parsePprofValue(flatMatch[1] ?? '', line) : 0;
      const n = { name: unescapeDot(name), flat, cum: Number(cum) };
      byId.set(id, n);
      nodes.push(n);
      continue;
    }
    const edge = /^N(\d+) -> N(\d+) \[label=" (-?\d+)[A-Za-z]*(\\n \(inline\))?"/.exec(line);
    if (edge) {
      const [, from = '', to = '', weight = '', inline] = edge;
      edges.push({
        from: byId.get(from)?.name ?? `?${from}`,
        to: byId.get(to)?.name ?? `?${to}`,
        weight: Number(weight),
        residual: line.includes('style="dotted"'),
        inline: inline !== undefined,
      });
    }
  }
  return { nodes, edges };
}

const edgeKey = (e: DotEdge): string => `${e.from} -> ${e.to} ${e.weight}${e.residual ? ' residual' : ''}${e.inline ? ' inline' : ''}`;

async function compareWithDot(file: string, options: ReportOptions & CallGraphOptions, flags: string[]): Promise<number> {
  const profile = await readProfileFile(file);
  const unit = sampleTypeAt(profile, selectSampleType(profile, options.sampleIndex)).unit;
  const dot = await goPprofRaw(file, ['-dot', `-unit=${pprofUnitFlag(unit)}`, ...flags]);
  const expected = parseDot(dot);
  const graph = buildCallGraph(profile, options);
  const nodes = graph.nodes.map((n) => ({ name: n.name, flat: n.flat, cum: n.cum }));
  assert.ok(expected.nodes.length > 0, `pprof -dot printed no nodes for ${file}`);
  assert.deepEqual(nodes, expected.nodes, `nodes of ${file} ${flags.join(' ')}`);
  const edges = graph.edges.map((e) =>
    edgeKey({ from: nodes[e.from]!.name, to: nodes[e.to]!.name, weight: e.weight, residual: e.residual, inline: e.inline }),
  );
  assert.deepEqual([...edges].sort(), expected.edges.map(edgeKey).sort(), `edges of ${file} ${flags.join(' ')}`);
  return expected.nodes.length;
}

const large = join(repoRoot, 'test', 'fixtures', 'profiles', 'large.cpu.pb.gz');

test('call graph of the large CPU profile equals pprof -dot (default node selection)', async () => {
  const n = await compareWithDot(large, {}, []);
  assert.ok(n > 1 && n <= 80, `pprof kept ${n} nodes`);
});

test('call graph of the large CPU profile at lines granularity equals pprof -dot', async () => {
  await compareWithDot(large, { granularity: 'lines' }, ['-lines']);
});

test('call graph with a small node count keeps residual edges like pprof -dot', async () => {
  await compareWithDot(large, { nodeCount: 12 }, ['-nodecount=12']);
  await compareWithDot(large, { nodeCount: 30, nodeFraction: 0, edgeFraction: 0 }, [
    '-nodecount=30',
    '-nodefraction=0',
    '-edgefraction=0',
  ]);
});

test('call graph of real Go fixtures equals pprof -dot (every sample type of heap, labels, inlining)', async () => {
  const f = await ensureGoFixtures();
  await compareWithDot(f.cpu, {}, []);
  await compareWithDot(f.cpu, { nodeCount: 6 }, ['-nodecount=6']);
  await compareWithDot(f.cpu, { granularity: 'lines' }, ['-lines']);
  for (const sampleIndex of ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space']) {
    await compareWithDot(f.heap, { sampleIndex, nodeCount: 10 }, [`-sample_index=${sampleIndex}`, '-nodecount=10']);
  }
  await compareWithDot(f.allocs, {}, []);
  await compareWithDot(f.goroutine, {}, []);
  await compareWithDot(f.block, {}, []);
  await compareWithDot(f.mutex, {}, []);
});

test('the inline mark of an edge follows pprof: inlined calls are marked, plain calls are not', async () => {
  const f = await ensureGoFixtures();
  const graph = buildCallGraph(await readProfileFile(f.cpu), { nodeCount: 0, nodeFraction: 0, edgeFraction: 0 });
  assert.ok(graph.edges.some((e) => e.inline), 'the CPU fixture has inlined calls');
  assert.ok(graph.edges.some((e) => !e.inline));
});
