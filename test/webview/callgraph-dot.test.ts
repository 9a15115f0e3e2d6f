/**
 * The call graph's DOT (webview/callgraph/dot.ts) through the same Graphviz WebAssembly build the
 * webview uses, here in Node: names made to break out of a DOT string stay inside their label.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { instance } from '@viz-js/viz';
import type { CallGraphView } from '../../src/shared/callgraph-view';
import { dotString, nodeLabelLines, toDot } from '../../webview/callgraph/dot';
import { parseLayout } from '../../webview/callgraph/layout';

const NASTY = [
  'main.a"]; Evil [label="x"]; N0 -> Evil; X [label="',
  'main.b\\"]; subgraph cluster_x { Y } //',
  'main.c\n}\ndigraph Z { W }',
  'main.d<<b>html</b>> \\l\\N\\G {record|x}',
  'main.(*T).</script><img src=x onerror=alert(1)>',
];

function view(): CallGraphView {
  const nodes = NASTY.map((name, i) => ({ name, file: `${name}.go`, line: i + 1, startLine: 0, flat: 10 * (i + 1), cum: 100, flatText: `${i}s (1%)`, cumText: '1s (100%)' }));
  const edges = NASTY.slice(1).map((_, i) => ({ from: 0, to: i + 1, weight: 5, weightText: `5s"];Q->R;"`, residual: i % 2 === 0, inline: i === 1 }));
  return { sampleIndex: 0, unit: 'nanoseconds', total: 100, totalText: '1s', nodes, edges, droppedNodes: 0, droppedEdges: 0, shownText: '' };
}

test('dotString escapes quotes and backslashes and never emits a raw line break', () => {
  assert.equal(dotString('a"b\\c\nd\re'), '"a\\"b\\\\c\\nd e"');
  const odd = dotString('x\u2028y\u0000z');
  assert.ok(!odd.includes('\u2028') && !odd.includes('\u0000'));
});

test('hostile names lay out as exactly their own nodes and edges, labels kept literally', async () => {
  const viz = await instance();
  const v = view();
  const result = viz.render(toDot(v), { format: 'json0' });
  assert.equal(result.status, 'success', JSON.stringify(result.errors));
  const json = JSON.parse(result.output!) as { objects: { name: string; label: string }[]; edges: unknown[] };
  assert.deepEqual(
    json.objects.map((o) => o.name),
    v.nodes.map((_, i) => `N${i}`),
  );
  assert.equal(json.edges.length, v.edges.length);
  // Graphviz keeps the label as written inside the quotes: unescaping it gives our lines back.
  json.objects.forEach((o, i) => {
    const label = o.label.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    assert.equal(label, nodeLabelLines(v.nodes[i]!).join('\n').replace(/[\r\u2028\u2029]/g, ' '));
  });
  const layout = parseLayout(result.output!, v.nodes.length, v.edges.length);
  assert.ok(layout.nodes.every((n) => n.width > 0 && n.height > 0));
  assert.ok(layout.edges.every((e) => e.points.length >= 4));
});
