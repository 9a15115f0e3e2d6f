/**
 * The "Top" tab: flat, flat%, sum%, cum, cum%, name as `go tool pprof -top` prints them, every
 * row (virtualised), sortable by any column, with a filter box. With a base profile: base,
 * current, delta and delta% columns.
 */
import { shownOfTotalText, summaryTotalText } from '../../src/shared/diff-view';
import type { TopRow, TopView } from '../../src/shared/top-view';
import type { ViewQuery } from '../../src/shared/view-model';
import { clear, element } from '../dom';
import { emptyState, isFiltered } from './empty-state';
import { rowFunctionMenu } from './function-menu';
import { compareRows, nextSort, type SortState, type TopColumn } from './top-sort';
import { queryKey, sourceLine, type ProfileViewModule, type ViewContext, type ViewInstance } from './view-module';
import { VirtualRows } from './virtual-rows';

interface Column {
  readonly col: TopColumn;
  readonly label: string;
  cell(row: TopRow): string;
}

const plainColumns: readonly Column[] = [
  { col: 'flat', label: 'flat', cell: (r) => r.flatText },
  { col: 'flat%', label: 'flat%', cell: (r) => r.flatPercent },
  { col: 'sum%', label: 'sum%', cell: (r) => r.sumPercent },
  { col: 'cum', label: 'cum', cell: (r) => r.cumText },
  { col: 'cum%', label: 'cum%', cell: (r) => r.cumPercent },
  { col: 'name', label: 'name', cell: (r) => r.name },
];

const diffColumns: readonly Column[] = [
  { col: 'base', label: 'base', cell: (r) => r.diff?.baseText ?? '' },
  { col: 'current', label: 'current', cell: (r) => r.diff?.currentText ?? '' },
  { col: 'flat', label: 'delta', cell: (r) => r.flatText },
  { col: 'delta%', label: 'delta%', cell: (r) => r.diff?.deltaPercent ?? '' },
  { col: 'cum', label: 'cum delta', cell: (r) => r.cumText },
  { col: 'name', label: 'name', cell: (r) => r.name },
];

/** The function name a row stands for, without pprof's "(inline)" mark. */
export function rowFunction(row: TopRow): string {
  return row.name.replace(/ \((partial-)?inline\)$/, '');
}

class TopViewInstance implements ViewInstance {
  private view: TopView | undefined;
  private shownKey = '';
  private order: number[] = [];
  private sort: SortState = { col: 'default', descending: true };
  private filterText = '';
  private search: RegExp | undefined;
  private selection: string | undefined;
  private table: VirtualRows | undefined;
  private headCells = new Map<TopColumn, HTMLTableCellElement>();
  private readonly caption = element('div', { className: 'top-caption', attrs: { 'data-testid': 'top-caption' } });
  private readonly sortCaption = element('div', { className: 'top-caption', attrs: { 'data-testid': 'top-sort' } });
  private readonly filterInput = element('input', {
    className: 'tb-filter',
    attrs: { type: 'search', placeholder: 'Filter rows (regex)', 'aria-label': 'Filter rows by name', 'data-testid': 'top-filter' },
  });
  private readonly body = element('div', { className: 'top-body' });
  /** The selection when its row is out of view: shown above the table, so the top stays put. */
  private readonly pinned = element('div', { className: 'top-pinned', attrs: { 'data-testid': 'top-pinned', role: 'status' } });

  constructor(
    container: HTMLElement,
    private readonly context: ViewContext,
  ) {
    this.filterInput.addEventListener('input', () => {
      this.filterText = this.filterInput.value;
      this.rebuildOrder();
    });
    container.append(element('div', { className: 'view-toolbar' }, [this.filterInput, this.caption, this.sortCaption]), this.body);
  }

  async show(query: ViewQuery, isCurrent: () => boolean): Promise<void> {
    const key = queryKey(query);
    if (key === this.shownKey) return;
    const view = await this.context.rpc.request('top', query);
    if (!isCurrent()) return;
    this.shownKey = key;
    this.view = view;
    this.context.showTotal(summaryTotalText(view));
    clear(this.body);
    this.table = undefined;
    if (view.rows.length === 0) {
      this.caption.textContent = '';
      this.body.append(emptyState(this.context.summary, query.sampleIndex, isFiltered(query)));
      return;
    }
    const columns = view.baseSource !== undefined ? diffColumns : plainColumns;
    this.table = new VirtualRows({
      className: 'top-table',
      testId: 'top-table',
      head: this.head(columns),
      renderRow: (i) => this.renderRow(columns, i),
      onKey: (e) => this.onKey(e),
    });
    this.pinned.hidden = true;
    this.body.append(this.pinned, this.table.element);
    this.rebuildOrder();
  }

  private head(columns: readonly Column[]): HTMLTableSectionElement {
    this.headCells.clear();
    const cells = columns.map((c) => {
      const th = element('th', { attrs: { 'data-col': c.col, scope: 'col', 'aria-sort': 'none', tabindex: '0' } }, [
        element('span', { text: c.label }),
        element('span', { className: 'sort-mark', attrs: { 'aria-hidden': 'true' } }),
      ]);
      const activate = (): void => {
        this.sort = nextSort(this.sort, c.col);
        this.rebuildOrder();
      };
      th.addEventListener('click', activate);
      th.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          activate();
        }
      });
      this.headCells.set(c.col, th);
      return th;
    });
    return element('thead', {}, [element('tr', {}, cells)]);
  }

  private rebuildOrder(): void {
    const view = this.view;
    if (!view || !this.table) return;
    let filter: RegExp | undefined;
    try {
      filter = this.filterText ? new RegExp(this.filterText) : undefined;
      this.filterInput.classList.remove('invalid');
    } catch {
      this.filterInput.classList.add('invalid');
    }
    const order: number[] = [];
    view.rows.forEach((row, i) => {
      if (!filter || filter.test(row.name)) order.push(i);
    });
    if (this.sort.col !== 'default') order.sort((a, b) => compareRows(view.rows[a]!, view.rows[b]!, a, b, this.sort));
    this.order = order;
    for (const [col, th] of this.headCells) {
      const active = col === this.sort.col;
      th.setAttribute('aria-sort', active ? (this.sort.descending ? 'descending' : 'ascending') : 'none');
      th.lastElementChild!.textContent = active ? (this.sort.descending ? ' ▼' : ' ▲') : '';
    }
    const shown = order.length === view.rows.length ? `${view.rows.length} rows` : `${order.length} of ${view.rows.length} rows`;
    const base = view.baseSource !== undefined ? ` · delta vs ${view.baseSource}` : '';
    const sortedBy = this.sort.col === 'default' ? 'pprof’s order (flat, then name)' : `${this.sort.col} ${this.sort.descending ? '▼' : '▲'}`;
    this.caption.textContent = `${shown} · ${shownOfTotalText(view)}${base}`;
    this.sortCaption.textContent = `sorted by ${sortedBy}`;
    this.table.setCount(order.length);
  }

  private renderRow(columns: readonly Column[], index: number): HTMLTableRowElement {
    const row = this.view!.rows[this.order[index]!]!;
    const fn = rowFunction(row);
    const tr = element('tr', {
      attrs: { 'data-testid': 'top-row', 'data-flat': String(row.flat), 'data-cum': String(row.cum), 'aria-selected': String(fn === this.selection) },
    });
    for (const c of columns) tr.append(element('td', { text: c.cell(row), attrs: { 'data-col': c.col } }));
    if (row.diff) tr.classList.add(row.flat > 0 ? 'grew' : row.flat < 0 ? 'shrank' : 'same');
    if (this.search?.test(row.name)) tr.classList.add('match');
    if (row.file) tr.title = `${row.file}:${sourceLine(row.line, row.startLine)}`;
    const open = (): void => this.context.openSource(row.file, sourceLine(row.line, row.startLine), rowFunction(row));
    tr.addEventListener('click', (e) => (e.ctrlKey || e.metaKey ? open() : this.context.select(fn)));
    tr.addEventListener('dblclick', open);
    rowFunctionMenu(tr, fn, (name) => this.context.openSandwich(name), () => this.context.transformItems(fn));
    return tr;
  }

  /** Up/Down move the selection, Enter opens the selected row's source. */
  private onKey(event: KeyboardEvent): void {
    const view = this.view;
    if (!view || this.order.length === 0) return;
    const at = this.order.findIndex((i) => rowFunction(view.rows[i]!) === this.selection);
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (step !== 0) {
      event.preventDefault();
      const next = view.rows[this.order[Math.max(0, Math.min(this.order.length - 1, at + step))]!]!;
      this.context.select(rowFunction(next));
    } else if (event.key === 'Enter' && at >= 0) {
      const row = view.rows[this.order[at]!]!;
      this.context.openSource(row.file, sourceLine(row.line, row.startLine), rowFunction(row));
    }
  }

  setSearch(pattern: RegExp | undefined): void {
    this.search = pattern;
    if (!this.view) return;
    this.table?.refresh();
    if (pattern) {
      const matches = this.view.rows.filter((r) => pattern.test(r.name)).length;
      this.context.searchStatus(`${matches} ${matches === 1 ? 'row matches' : 'rows match'}`);
    } else this.context.searchStatus('');
  }

  /**
   * Moving through the table (keyboard): scroll to the row. A selection from another view
   * (a flame click) leaves the table at its top, in its order, and pins the row above it.
   */
  setSelection(name: string | undefined): void {
    this.selection = name;
    if (!this.view || !this.table) return;
    const at = this.order.findIndex((i) => rowFunction(this.view!.rows[i]!) === name);
    if (at >= 0 && this.table.hasFocus()) this.table.scrollToRow(at);
    this.pin(at);
    this.table.refresh();
  }

  private pin(at: number): void {
    const table = this.table;
    const row = at >= 0 ? this.view?.rows[this.order[at]!] : undefined;
    this.pinned.hidden = !row || !table || table.isRowVisible(at);
    if (!row || !table || this.pinned.hidden) return;
    const go = element('button', { className: 'tb-button', text: 'Scroll to row', attrs: { type: 'button', 'data-testid': 'top-pinned-go' } });
    go.addEventListener('click', () => {
      table.scrollToRow(at);
      this.pinned.hidden = true;
    });
    const text = `Selected: ${row.name} · row ${at + 1} of ${this.order.length} · flat ${row.flatText} (${row.flatPercent}) · cum ${row.cumText} (${row.cumPercent})`;
    this.pinned.replaceChildren(element('span', { text, attrs: { 'data-testid': 'top-pinned-text' } }), go);
  }

  dispose(): void {
    this.body.replaceChildren();
  }
}

export const topViewModule: ProfileViewModule = {
  id: 'top',
  title: 'Top',
  create: (container, context) => new TopViewInstance(container, context),
};
