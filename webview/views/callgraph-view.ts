/**
 * The "Call Graph" tab: pprof's -dot graph (node count, node fraction, edge fraction and the
 * -call_tree toggle set in the tab), laid out by Graphviz in WebAssembly (loaded when the tab first shows), drawn as SVG.
 */
import { defaultCallGraphSettings, type CallGraphParams, type CallGraphView } from '../../src/shared/callgraph-view';
import type { ViewQuery } from '../../src/shared/view-model';
import { toDot } from '../callgraph/dot';
import { GraphSvg } from '../callgraph/graph-svg';
import { Minimap } from '../callgraph/minimap';
import { parseLayout } from '../callgraph/layout';
import { loadLayoutEngine } from '../callgraph/layout-loader';
import { clear, element } from '../dom';
import { emptyState, isFiltered } from './empty-state';
import { sourceLine, type ProfileViewModule, type ViewContext, type ViewInstance } from './view-module';

type Settings = Pick<CallGraphParams, 'nodeCount' | 'nodeFraction' | 'edgeFraction' | 'callTree'>;

function numberInput(label: string, value: number, attrs: Record<string, string>): HTMLInputElement {
  return element('input', {
    className: 'cg-number',
    attrs: { type: 'number', value: String(value), 'aria-label': label, title: label, ...attrs },
  });
}

class CallGraphViewInstance implements ViewInstance {
  private settings: Settings = { ...defaultCallGraphSettings, callTree: false };
  private query: ViewQuery | undefined;
  private isCurrent: () => boolean = () => true;
  private shownKey = '';
  private view: CallGraphView | undefined;
  private graph: GraphSvg | undefined;
  private search: RegExp | undefined;
  private selection: string | undefined;
  private readonly nodeCount = numberInput('Node count (0 = all)', this.settings.nodeCount, { min: '0', step: '10', 'data-testid': 'cg-nodecount' });
  private readonly nodeFraction = numberInput('Node fraction', this.settings.nodeFraction, { min: '0', max: '1', step: '0.001', 'data-testid': 'cg-nodefraction' });
  private readonly edgeFraction = numberInput('Edge fraction', this.settings.edgeFraction, { min: '0', max: '1', step: '0.001', 'data-testid': 'cg-edgefraction' });
  private readonly callTree = element('input', {
    attrs: { type: 'checkbox', 'aria-label': 'Call tree', title: 'One node per calling context (pprof -call_tree)', 'data-testid': 'cg-calltree' },
  });
  private readonly caption = element('div', { className: 'cg-caption', attrs: { 'data-testid': 'cg-caption' } });
  private readonly body = element('div', { className: 'cg-body', attrs: { 'data-testid': 'callgraph' } });

  constructor(
    container: HTMLElement,
    private readonly context: ViewContext,
  ) {
    for (const input of [this.nodeCount, this.nodeFraction, this.edgeFraction, this.callTree]) input.addEventListener('change', () => this.readSettings());
    const fitButton = element('button', { className: 'tb-button', text: 'Fit', attrs: { type: 'button', 'data-testid': 'cg-fit', title: 'Show the whole graph' } });
    fitButton.addEventListener('click', () => this.fit());
    const hotButton = element('button', { className: 'tb-button', text: 'Hot path', attrs: { type: 'button', 'data-testid': 'cg-hotpath', title: 'Readable labels, the hottest path in view' } });
    hotButton.addEventListener('click', () => this.openView());
    const label = (text: string, input: HTMLInputElement): HTMLElement => element('label', { className: 'cg-setting' }, [element('span', { text }), input]);
    container.append(
      element('div', { className: 'view-toolbar' }, [
        label('Nodes', this.nodeCount),
        label('Node fraction', this.nodeFraction),
        label('Edge fraction', this.edgeFraction),
        element('label', { className: 'tb-check' }, [this.callTree, element('span', { text: 'Call tree' })]),
        fitButton,
        hotButton,
        this.caption,
      ]),
      this.body,
    );
  }

  private readSettings(): void {
    const count = Math.trunc(Number(this.nodeCount.value));
    const nf = Number(this.nodeFraction.value);
    const ef = Number(this.edgeFraction.value);
    const ok = (x: number): boolean => Number.isFinite(x) && x >= 0 && x <= 1;
    if (!Number.isFinite(count) || count < 0 || !ok(nf) || !ok(ef)) return;
    this.settings = { nodeCount: count, nodeFraction: nf, edgeFraction: ef, callTree: this.callTree.checked };
    if (this.query) void this.show(this.query, this.isCurrent);
  }

  async show(query: ViewQuery, isCurrent: () => boolean): Promise<void> {
    this.query = query;
    this.isCurrent = isCurrent;
    const params: CallGraphParams = { ...query, ...this.settings };
    const key = JSON.stringify(params);
    if (key === this.shownKey) return;
    const [view, engine] = await Promise.all([this.context.rpc.request('callgraph', params), loadLayoutEngine()]);
    if (!isCurrent() || JSON.stringify({ ...this.query, ...this.settings }) !== key) return;
    this.shownKey = key;
    this.view = view;
    this.context.showTotal(view.totalText);
    clear(this.body);
    this.graph = undefined;
    if (view.nodes.length === 0) {
      this.caption.textContent = '';
      this.body.append(emptyState(this.context.summary, query.sampleIndex, isFiltered(query)));
      return;
    }
    const dropped = view.droppedNodes > 0 ? ` · dropped ${view.droppedNodes} nodes` : '';
    const droppedEdges = view.droppedEdges > 0 ? ` · dropped ${view.droppedEdges} edges` : '';
    this.caption.textContent = `${view.shownText}${dropped}${droppedEdges}`;
    const layout = parseLayout(engine.layout(toDot(view)), view.nodes.length, view.edges.length);
    this.graph = new GraphSvg(view, layout, {
      select: (i) => this.context.select(view.nodes[i]!.name),
      open: (i) => {
        const n = view.nodes[i]!;
        this.context.select(n.name);
        if (n.file) this.context.openSource(n.file, sourceLine(n.line, n.startLine), n.name);
      },
    });
    const graph = this.graph;
    const minimap = new Minimap(view, layout, graph.fills, (x, y) => {
      const { width, height } = this.size();
      graph.centerOn(x, y, width, height);
    });
    graph.onTransform = (t) => {
      const { width, height } = this.size();
      minimap.update(t, width, height);
    };
    this.body.append(graph.element, minimap.element);
    this.openView();
    this.mark();
  }

  private size(): { width: number; height: number } {
    const r = this.body.getBoundingClientRect();
    return { width: r.width || 800, height: r.height || 600 };
  }

  private fit(): void {
    const { width, height } = this.size();
    this.graph?.fit(width, height);
  }

  private openView(): void {
    const { width, height } = this.size();
    this.graph?.open(width, height);
  }

  private mark(): void {
    const view = this.view;
    if (!view || !this.graph) return;
    const matches = new Set<number>();
    if (this.search) view.nodes.forEach((n, i) => this.search?.test(n.name) && matches.add(i));
    this.graph.mark(this.selection, matches);
    if (this.search) this.context.searchStatus(`${matches.size} of ${view.nodes.length} nodes match`);
  }

  setSearch(pattern: RegExp | undefined): void {
    this.search = pattern;
    this.mark();
  }

  setSelection(name: string | undefined): void {
    this.selection = name;
    this.mark();
  }

  dispose(): void {
    clear(this.body);
  }
}

export const callGraphViewModule: ProfileViewModule = {
  id: 'callgraph',
  title: 'Call Graph',
  create: (container, context) => new CallGraphViewInstance(container, context),
};
