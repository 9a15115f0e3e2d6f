/**
 * The call graph as Graphviz DOT, only for layout: node ids are "N<index>", edge ids "E<index>";
 * profile strings appear only inside escaped, double-quoted label strings (never as ids, never
 * as HTML labels), so no function name can add nodes, edges or attributes.
 */
import type { CallGraphView } from '../../src/shared/callgraph-view';
import { nodeStyle, edgeStyle } from './style';

/** A DOT double-quoted string holding `text` literally (line breaks given as `\n`, never raw). */
export function dotString(text: string): string {
  let out = '"';
  for (const ch of text) {
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r' || ch === '\t' || ch < ' ' || ch === '\u2028' || ch === '\u2029') out += ' ';
    else out += ch;
  }
  return out + '"';
}

/** The lines of a node's box, like pprof's -dot labels: package, function, flat, "of" cum. */
export function nodeLabelLines(node: CallGraphView['nodes'][number]): string[] {
  const lines = splitName(node.name);
  lines.push(node.flatText);
  if (node.cum !== node.flat) lines.push(`of ${node.cumText}`);
  return lines;
}

const MAX_LINE = 40;
/**
 * Most lines a name takes in its box: a 100 KB name would otherwise be a box of 2,500 lines that
 * dwarfs the graph. A longer name ends its last line with "…"; the node's title keeps it whole.
 */
export const MAX_NAME_LINES = 8;

/** "github.com/a/b.(*T).M" → ["github.com/a/b", "(*T)", "M"], long pieces wrapped. */
export function splitName(name: string): string[] {
  const slash = name.lastIndexOf('/');
  const dot = name.indexOf('.', slash + 1);
  const pieces = dot > 0 ? [name.slice(0, dot), ...splitRest(name.slice(dot + 1))] : [name];
  const lines: string[] = [];
  for (const p of pieces) {
    for (let i = 0; i < p.length && lines.length <= MAX_NAME_LINES; i += MAX_LINE) lines.push(p.slice(i, i + MAX_LINE));
    if (p.length === 0) lines.push('');
    if (lines.length > MAX_NAME_LINES) {
      lines.length = MAX_NAME_LINES;
      lines[MAX_NAME_LINES - 1] = `${lines[MAX_NAME_LINES - 1]!.slice(0, MAX_LINE - 1)}…`;
      break;
    }
  }
  return lines;
}

function splitRest(rest: string): string[] {
  // Methods: "(*T).M" on two lines; closures and the rest stay on one.
  const m = /^(\(\*?[^()]*\))\.(.*)$/.exec(rest);
  return m ? [m[1]!, m[2]!] : [rest];
}

export function toDot(view: CallGraphView): string {
  const lines = ['digraph G {', 'graph [rankdir=TB nodesep=0.3 ranksep=0.45];', 'node [shape=box fontname="Helvetica" margin="0.11,0.055"];'];
  const maxFlat = Math.max(0, ...view.nodes.map((n) => Math.abs(n.flat)));
  view.nodes.forEach((n, i) => {
    const s = nodeStyle(n, maxFlat, view.total);
    lines.push(`N${i} [id="N${i}" label=${dotString(nodeLabelLines(n).join('\n'))} fontsize=${s.fontSize.toFixed(1)}];`);
  });
  const maxWeight = Math.max(0, ...view.edges.map((e) => Math.abs(e.weight)));
  view.edges.forEach((e, i) => {
    const s = edgeStyle(e, maxWeight, view.total);
    lines.push(`N${e.from} -> N${e.to} [id="E${i}" penwidth=${s.width.toFixed(2)} weight=${s.weight} label=${dotString(edgeLabel(e))} fontsize=10];`);
  });
  lines.push('}');
  return lines.join('\n');
}

export function edgeLabel(edge: CallGraphView['edges'][number]): string {
  return ` ${edge.weightText}${edge.inline ? '\n(inline)' : ''}`;
}
