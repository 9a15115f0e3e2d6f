/**
 * The "Tree" tab: the call tree (top-down, or bottom-up: callers under the functions where
 * samples end) with flat/cum columns, expand/collapse, "expand hot path", and a peek pane
 * with the callers and callees of the selected function. The whole tree arrives at once
 * (typed arrays); only the visible rows are rendered.
 */
import { summaryTotalText } from '../../src/shared/diff-view';
import { formatPercent, formatValue } from '../../src/shared/units';
import type { PeekView } from '../../src/shared/peek-view';
import type { TreeDirection } from '../../src/shared/tree-view';
import type { ViewQuery } from '../../src/shared/view-model';
import { clear, element } from '../dom';
import { emptyState, isFiltered } from './empty-state';
import { rowFunctionMenu } from './function-menu';
import { namePath } from './transform-menu';
import { peekPane } from './peek-pane';
import { TreeRows } from './tree-model';
import { queryKey, sourceLine, type ProfileViewModule, type ViewContext, type ViewInstance } from './view-module';
import { VirtualRows } from './virtual-rows';

const COLUMNS = ['flat', 'flat%', 'cum', 'cum%', 'name'] as const;

class TreeViewInstance implements ViewInstance {
  private tree: TreeRows | undefined;
  private query: ViewQuery | undefined;
  private shownKey = '';
  private direction: TreeDirection = 'top-down';
  private selection: string | undefined;
  private selectedNode = -1;
  private search: RegExp | undefined;
  private table: VirtualRows | undefined;
  private peekGeneration = 0;
  private readonly body = element('div', { className: 'tree-body' });
  private readonly peek = element('div', { className: 'peek', attrs: { 'data-testid': 'peek', 'aria-live': 'polite' } });
  private readonly directionSelect = element('select', { attrs: { 'data-testid': 'tree-direction', 'aria-label': 'Tree direction' } }, [
    element('option', { text: 'Top-down (callees)', attrs: { value: 'top-down' } }),
    element('option', { text: 'Bottom-up (callers)', attrs: { value: 'bottom-up' } }),
  ]);

  constructor(
    container: HTMLElement,
    private readonly context: ViewContext,
  ) {
    const hot = element('button', { className: 'tb-button', text: 'Expand hot path', attrs: { type: 'button', 'data-testid': 'expand-hot-path' } });
    hot.addEventListener('click', () => this.expandHotPath());
    const collapse = element('button', { className: 'tb-button', text: 'Collapse all', attrs: { type: 'button', 'data-testid': 'collapse-all' } });
    collapse.addEventListener('click', () => {
      this.tree?.expanded.clear();
      this.tree?.rebuild();
      this.table?.setCount(this.tree?.rows.length ?? 0);
    });
    this.directionSelect.addEventListener('change', () => {
      this.direction = this.directionSelect.value === 'bottom-up' ? 'bottom-up' : 'top-down';
      if (this.query) void this.show(this.query, () => true);
    });
    container.append(
      element('div', { className: 'view-toolbar' }, [this.directionSelect, hot, collapse]),
      element('div', { className: 'tree-split' }, [this.body, this.peek]),
    );
  }

  async show(query: ViewQuery, isCurrent: () => boolean): Promise<void> {
    this.query = query;
    const key = queryKey({ ...query, direction: this.direction } as ViewQuery);
    if (key === this.shownKey) return;
    const view = await this.context.rpc.request('tree', { ...query, direction: this.direction });
    if (!isCurrent()) return;
    this.shownKey = key;
    this.context.showTotal(summaryTotalText(view));
    clear(this.body);
    this.table = undefined;
    this.tree = undefined;
    if (view.total === 0) {
      this.body.append(emptyState(this.context.summary, query.sampleIndex, isFiltered(query)));
      return;
    }
    const tree = new TreeRows(view);
    this.tree = tree;
    const first = tree.children(0)[0];
    if (first !== undefined) tree.expanded.add(first);
    tree.rebuild();
    const head = element('thead', {}, [element('tr', {}, COLUMNS.map((c) => element('th', { text: c, attrs: { 'data-col': c, scope: 'col' } })))]);
    this.table = new VirtualRows({ className: 'top-table tree-table', testId: 'tree-table', head, renderRow: (i) => this.renderRow(i), onKey: (e) => this.onKey(e) });
    this.body.append(this.table.element);
    this.table.setCount(tree.rows.length);
    if (this.selection !== undefined) void this.loadPeek(this.selection);
  }

  private renderRow(index: number): HTMLTableRowElement {
    const tree = this.tree!;
    const view = tree.view;
    const node = tree.rows[index]!;
    const depth = tree.depths[index]!;
    const name = tree.name(node);
    const format = (v: number): string => formatValue(v, view.unit);
    const share = (v: number): string => formatPercent(v, view.total).trim();
    const expandable = tree.hasChildren(node);
    const open = tree.expanded.has(node);
    const twisty = element('span', {
      className: 'twisty',
      text: expandable ? (open ? '▾' : '▸') : '',
      attrs: { 'data-testid': 'tree-twisty', 'aria-hidden': 'true' },
    });
    const nameCell = element('td', { attrs: { 'data-col': 'name' } }, [twisty, element('span', { text: name })]);
    nameCell.style.paddingLeft = `${8 + Math.min(depth, 60) * 14}px`;
    const tr = element(
      'tr',
      {
        attrs: {
          'data-testid': 'tree-row',
          'data-name': name,
          'data-depth': String(depth),
          'data-flat': String(view.self[node]),
          'data-cum': String(view.value[node]),
          'aria-level': String(depth + 1),
          'aria-selected': String(node === this.selectedNode || (this.selectedNode < 0 && name === this.selection)),
          ...(expandable ? { 'aria-expanded': String(open) } : {}),
        },
      },
      [
        element('td', { text: format(view.self[node]!), attrs: { 'data-col': 'flat' } }),
        element('td', { text: share(view.self[node]!), attrs: { 'data-col': 'flat%' } }),
        element('td', { text: format(view.value[node]!), attrs: { 'data-col': 'cum' } }),
        element('td', { text: share(view.value[node]!), attrs: { 'data-col': 'cum%' } }),
        nameCell,
      ],
    );
    if (this.search?.test(name)) tr.classList.add('match');
    const frame = view.frames[view.frame[node]!];
    const openSource = (): void => {
      if (frame) this.context.openSource(frame.file, sourceLine(frame.line, frame.startLine), frame.name);
    };
    twisty.addEventListener('click', (e) => {
      e.stopPropagation();
      this.toggle(node);
    });
    tr.addEventListener('click', (e) => {
      if (e.ctrlKey || e.metaKey) return openSource();
      this.selectedNode = node;
      this.context.select(name);
    });
    tr.addEventListener('dblclick', openSource);
    if (node > 0) {
      rowFunctionMenu(tr, name, (fn) => this.context.openSandwich(fn), () =>
        // Bottom-up paths run from callees to callers: no call path to focus on.
        this.context.transformItems(name, this.direction === 'top-down' ? namePath(view, node) : undefined),
      );
    }
    return tr;
  }

  /** Up/Down move, Right expands, Left collapses (or goes to the parent), Enter opens source. */
  private onKey(event: KeyboardEvent): void {
    const tree = this.tree;
    if (!tree || !this.table || tree.rows.length === 0) return;
    let at = tree.rows.indexOf(this.selectedNode);
    const node = at >= 0 ? this.selectedNode : -1;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        at = Math.max(0, Math.min(tree.rows.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)));
        break;
      case 'ArrowRight':
        if (node >= 0 && !tree.expanded.has(node)) this.toggle(node);
        break;
      case 'ArrowLeft':
        if (node >= 0 && tree.expanded.has(node)) this.toggle(node);
        else if (node >= 0 && tree.view.parent[node]! > 0) at = tree.rows.indexOf(tree.view.parent[node]!);
        break;
      case 'Enter': {
        const frame = node >= 0 ? tree.view.frames[tree.view.frame[node]!] : undefined;
        if (frame) this.context.openSource(frame.file, sourceLine(frame.line, frame.startLine), frame.name);
        return;
      }
      default:
        return;
    }
    event.preventDefault();
    const next = tree.rows[at];
    if (next === undefined || next === this.selectedNode) return;
    this.selectedNode = next;
    this.context.select(tree.name(next));
    this.table.scrollToRow(at);
  }

  private toggle(node: number): void {
    const tree = this.tree;
    if (!tree || !this.table) return;
    const started = performance.now();
    tree.toggle(node);
    this.table.setCount(tree.rows.length);
    this.body.dataset.lastExpandMs = (performance.now() - started).toFixed(2);
  }

  private expandHotPath(): void {
    const tree = this.tree;
    if (!tree || !this.table) return;
    const from = this.selectedNode > 0 ? this.selectedNode : 0;
    const leaf = tree.expandHotPath(from);
    this.table.setCount(tree.rows.length);
    this.selectedNode = leaf;
    this.context.select(tree.name(leaf));
    this.table.scrollToRow(tree.rows.indexOf(leaf));
  }

  private async loadPeek(name: string): Promise<void> {
    if (!this.query) return;
    const generation = ++this.peekGeneration;
    try {
      const peek = await this.context.rpc.request('peek', { ...this.query, name });
      if (generation === this.peekGeneration) this.renderPeek(peek);
    } catch (error) {
      if (generation === this.peekGeneration) this.peek.replaceChildren(element('p', { className: 'error-message', text: String(error) }));
    }
  }

  private renderPeek(peek: PeekView): void {
    this.peek.replaceChildren(...peekPane(peek, { select: (name) => this.context.select(name), openSandwich: (name) => this.context.openSandwich(name) }));
  }

  setSearch(pattern: RegExp | undefined): void {
    this.search = pattern;
    this.table?.refresh();
  }

  setSelection(name: string | undefined): void {
    if (name !== this.selection && (this.selectedNode < 0 || this.tree?.name(this.selectedNode) !== name)) this.selectedNode = -1;
    this.selection = name;
    this.table?.refresh();
    if (name === undefined) this.peek.replaceChildren();
    else void this.loadPeek(name);
  }

  dispose(): void {
    this.body.replaceChildren();
  }
}

export const treeViewModule: ProfileViewModule = {
  id: 'tree',
  title: 'Tree',
  create: (container, context) => new TreeViewInstance(container, context),
};
