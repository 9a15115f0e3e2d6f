/**
 * The "Goroutines" tab (goroutine profiles): every group of goroutines with the same stack, in
 * a virtual table (20,000 groups scroll like 20), largest first; grouped by stack, by state or
 * by wait time (from the debug=2 dump saved with the capture); filtered; compared with a base
 * profile, each group shows how many goroutines it gained and the list sorts by growth (leaks).
 * A group's row expands to its frames; every frame opens its source.
 */
import { stateText, waitText, type GoroutinesView } from '../../src/shared/goroutines-view';
import type { ProfileSummary, ViewQuery } from '../../src/shared/view-model';
import { compileGoRegexp } from '../../src/shared/go-regexp';
import { element } from '../dom';
import { goroutineRows, groupLabel, groupMatches, growth, type GoroutineGrouping, type GoroutineRow, type GoroutineSort } from './goroutine-rows';
import { queryKey, type ProfileViewModule, type ViewContext, type ViewInstance } from './view-module';
import { VirtualRows } from './virtual-rows';

/** Up to this many groups, every group opens with its frames shown. */
const EXPAND_ALL_UP_TO = 20;

export function isGoroutineProfile(summary: ProfileSummary): boolean {
  return summary.sampleTypes.some((t) => t.type === 'goroutine');
}

function select<T extends string>(testId: string, label: string, options: readonly (readonly [T, string])[]): HTMLSelectElement {
  return element(
    'select',
    { attrs: { 'aria-label': label, title: label, 'data-testid': testId } },
    options.map(([value, text]) => element('option', { text, attrs: { value } })),
  );
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

class GoroutinesViewInstance implements ViewInstance {
  private view: GoroutinesView | undefined;
  private shownKey = '';
  private filter: RegExp | undefined;
  private search: RegExp | undefined;
  private selection: string | undefined;
  private grouping: GoroutineGrouping = 'stack';
  private sort: GoroutineSort = 'count';
  private expanded = new Set<number>();
  private rows: GoroutineRow[] = [];
  private readonly filterInput = element('input', {
    className: 'tb-filter',
    attrs: { type: 'search', placeholder: 'Filter goroutines (regex)', 'aria-label': 'Filter goroutine groups', 'data-testid': 'goroutines-filter' },
  });
  private readonly groupingSelect = select<GoroutineGrouping>('goroutines-grouping', 'Group goroutines', [
    ['stack', 'By stack'],
    ['state', 'By state'],
    ['wait', 'By wait time'],
  ]);
  private readonly sortSelect = select<GoroutineSort>('goroutines-sort', 'Sort groups', [
    ['count', 'Most goroutines first'],
    ['growth', 'Most grown first'],
  ]);
  private readonly caption = element('div', { className: 'gr-caption', attrs: { 'data-testid': 'goroutines-caption' } });
  private readonly body = element('div', { className: 'gr-body', attrs: { 'data-testid': 'goroutines' } });
  private table: VirtualRows | undefined;

  constructor(
    container: HTMLElement,
    private readonly context: ViewContext,
  ) {
    this.filterInput.addEventListener('input', () => {
      const text = this.filterInput.value.trim();
      try {
        this.filter = text === '' ? undefined : compileGoRegexp('filter', text);
        this.filterInput.removeAttribute('aria-invalid');
      } catch {
        this.filterInput.setAttribute('aria-invalid', 'true');
        return;
      }
      this.layout();
    });
    this.groupingSelect.addEventListener('change', () => {
      this.grouping = this.groupingSelect.value as GoroutineGrouping;
      this.layout();
    });
    this.sortSelect.addEventListener('change', () => {
      this.sort = this.sortSelect.value as GoroutineSort;
      this.layout();
    });
    container.append(element('div', { className: 'view-toolbar' }, [this.filterInput, this.groupingSelect, this.sortSelect, this.caption]), this.body);
  }

  async show(query: ViewQuery, isCurrent: () => boolean): Promise<void> {
    const key = queryKey(query);
    if (key === this.shownKey) return;
    const view = await this.context.rpc.request('goroutines', query);
    if (!isCurrent()) return;
    this.shownKey = key;
    this.view = view;
    this.expanded = new Set(view.groups.length <= EXPAND_ALL_UP_TO ? view.groups.keys() : []);
    // Compared with a base: the groups that grew come first (leak finding).
    this.sort = view.base ? 'growth' : 'count';
    this.sortSelect.value = this.sort;
    this.sortSelect.hidden = !view.base;
    this.groupingSelect.querySelector<HTMLOptionElement>('option[value="wait"]')!.disabled = view.origin !== 'dump';
    this.groupingSelect.querySelector<HTMLOptionElement>('option[value="state"]')!.disabled = view.origin !== 'dump';
    if (view.origin !== 'dump') this.grouping = this.groupingSelect.value = 'stack';
    this.context.showTotal(`${view.total} goroutines`);
    this.buildTable(view);
    this.layout();
  }

  private buildTable(view: GoroutinesView): void {
    const th = (text: string, col: string): HTMLTableCellElement => element('th', { text, attrs: { 'data-col': col, scope: 'col' } });
    const head = element('thead', {}, [
      element('tr', {}, [th('goroutines', 'count'), ...(view.base ? [th('Δ vs base', 'delta')] : []), th('state', 'state'), th('wait', 'wait'), th('stack', 'name')]),
    ]);
    this.table = new VirtualRows({ className: 'top-table gr-table', testId: 'goroutines-table', head, renderRow: (i) => this.renderRow(i) });
    this.body.replaceChildren(this.table.element);
  }

  /** Recomputes the rows (filter, grouping, sort or expansion changed). */
  private layout(): void {
    const view = this.view;
    if (!view || !this.table) return;
    this.rows = goroutineRows(view, { grouping: this.grouping, sort: this.sort, filter: this.filter, expanded: this.expanded });
    let groups = 0;
    let goroutines = 0;
    view.groups.forEach((g) => {
      if (this.filter && !groupMatches(view, g, this.filter)) return;
      groups++;
      goroutines += g.count;
    });
    const origin = view.origin === 'dump' ? 'from the debug=2 dump saved with the capture' : 'from the profile samples';
    const base = view.base ? `; base ${view.base.source}: ${view.base.total} goroutines (${signed(view.total - view.base.total)})` : '';
    this.caption.textContent = `${goroutines} of ${view.total} goroutines in ${groups} groups, ${origin}${base}`;
    if (view.groups.length === 0) {
      this.body.replaceChildren(element('div', { className: 'empty-state', attrs: { 'data-testid': 'empty-state' } }, [element('p', { className: 'empty-title', text: 'No goroutines' })]));
      return;
    }
    this.table.setCount(this.rows.length);
    this.reportSearch();
  }

  private renderRow(index: number): HTMLTableRowElement {
    const view = this.view!;
    const row = this.rows[index]!;
    const columns = view.base ? 5 : 4;
    if (row.kind === 'bucket') {
      const text = `${row.label} — ${row.count} goroutines in ${row.groups} groups`;
      return element('tr', { className: 'gr-bucket', attrs: { 'data-testid': 'goroutine-bucket' } }, [
        element('td', { text, attrs: { colspan: String(columns), 'data-col': 'name' } }),
      ]);
    }
    const group = view.groups[row.group]!;
    if (row.kind === 'ids') {
      const more = group.count > group.ids.length ? ` … (${group.count - group.ids.length} more)` : '';
      return element('tr', { className: 'gr-detail' }, [
        element('td', { className: 'gr-ids', text: `goroutine ${group.ids.join(', ')}${more}`, attrs: { colspan: String(columns), 'data-col': 'name' } }),
      ]);
    }
    if (row.kind === 'frame') return this.frameRow(row.frame, row.createdBy, columns);
    const open = this.expanded.has(row.group);
    const toggle = element('button', { className: 'gr-toggle', text: open ? '▾' : '▸', attrs: { type: 'button', 'aria-expanded': String(open), 'aria-label': open ? 'Hide frames' : 'Show frames' } });
    const label = groupLabel(view, group);
    const cells = [
      element('td', { attrs: { 'data-col': 'count' } }, [toggle, element('span', { className: 'gr-count', text: String(group.count), attrs: { 'data-testid': 'goroutine-count' } })]),
      ...(view.base ? [element('td', { className: 'gr-delta', text: signed(growth(group)), attrs: { 'data-col': 'delta', 'data-testid': 'goroutine-delta' } })] : []),
      element('td', { className: 'gr-state', text: stateText(group), attrs: { 'data-col': 'state' } }),
      element('td', { className: 'gr-wait', text: waitText(group), attrs: { 'data-col': 'wait' } }),
      element('td', { className: 'gr-top', text: label, attrs: { 'data-col': 'name', title: label } }),
    ];
    const tr = element('tr', { className: 'gr-group-row', attrs: { 'data-testid': 'goroutine-group', 'data-group': String(row.group) } }, cells);
    tr.classList.toggle('grew', view.base !== undefined && growth(group) > 0);
    tr.classList.toggle('match', this.search !== undefined && groupMatches(view, group, this.search));
    tr.addEventListener('click', () => {
      if (this.expanded.has(row.group)) this.expanded.delete(row.group);
      else this.expanded.add(row.group);
      this.layout();
    });
    return tr;
  }

  private frameRow(index: number, createdBy: boolean, columns: number): HTMLTableRowElement {
    const frame = this.view!.frames[index]!;
    const where = frame.file ? `${frame.file}${frame.line > 0 ? `:${frame.line}` : ''}` : '';
    const button = element('button', { className: 'gr-frame', attrs: { type: 'button', 'data-name': frame.name, title: where || frame.name } }, [
      element('span', { className: 'gr-fn', text: `${createdBy ? 'created by ' : ''}${frame.name}` }),
      element('span', { className: 'gr-loc', text: where }),
    ]);
    button.classList.toggle('gr-match', this.search !== undefined && this.search.test(frame.name));
    button.classList.toggle('gr-selected', frame.name === this.selection);
    button.addEventListener('click', () => {
      this.context.select(frame.name);
      if (frame.file) this.context.openSource(frame.file, frame.line, frame.name);
    });
    return element('tr', { className: createdBy ? 'gr-detail gr-created' : 'gr-detail gr-frames' }, [element('td', { attrs: { colspan: String(columns), 'data-col': 'name' } }, [button])]);
  }

  private reportSearch(): void {
    const view = this.view;
    if (!view || !this.search) return;
    const search = this.search;
    const matches = view.groups.filter((g) => groupMatches(view, g, search)).length;
    this.context.searchStatus(`${matches} of ${view.groups.length} groups match`);
  }

  setSearch(pattern: RegExp | undefined): void {
    this.search = pattern;
    this.table?.refresh();
    this.reportSearch();
  }

  setSelection(name: string | undefined): void {
    this.selection = name;
    this.table?.refresh();
  }

  dispose(): void {
    this.body.replaceChildren();
  }
}

export const goroutinesViewModule: ProfileViewModule = {
  id: 'goroutines',
  title: 'Goroutines',
  appliesTo: isGoroutineProfile,
  create: (container, context) => new GoroutinesViewInstance(container, context),
};
