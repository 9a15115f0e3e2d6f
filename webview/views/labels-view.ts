/**
 * The "Labels" tab: every pprof label key (pprof.Do, SetGoroutineLabels, the heap profiler's
 * "bytes") with its values and their share of the profile, as bars. Per value, "Focus" and
 * "Ignore" set the toolbar's tagfocus / tagignore (one place for label filters); per key,
 * "Group by" and "As leaf" set pprof's -tagroot / -tagleaf, which regroup every view.
 */
import type { LabelKeyRows, LabelsView, LabelValueRow } from '../../src/shared/labels-view';
import type { ViewQuery } from '../../src/shared/view-model';
import { clear, element } from '../dom';
import { labelKeys, toggleLabelKey, type Filters } from '../filters';
import { queryKey, type ProfileViewModule, type ViewContext, type ViewInstance } from './view-module';

/** Values listed per key; the rest are counted in a note (numeric labels can have thousands). */
const MAX_VALUES = 200;

class LabelsViewInstance implements ViewInstance {
  private view: LabelsView | undefined;
  private shownKey = '';
  private search: RegExp | undefined;
  private readonly body = element('div', { className: 'lb-body', attrs: { 'data-testid': 'labels' } });

  constructor(
    container: HTMLElement,
    private readonly context: ViewContext,
  ) {
    container.append(this.body);
  }

  async show(query: ViewQuery, isCurrent: () => boolean): Promise<void> {
    const key = queryKey(query);
    if (key === this.shownKey && this.view) return;
    const view = await this.context.rpc.request('labels', query);
    if (!isCurrent()) return;
    this.view = view;
    this.shownKey = key;
    this.context.showTotal(view.totalText);
    this.render();
  }

  setSearch(pattern: RegExp | undefined): void {
    this.search = pattern;
    if (this.view) this.render();
  }

  setSelection(): void {
    // Labels are not functions: the shared selection does not apply here.
  }

  dispose(): void {
    this.body.remove();
  }

  private render(): void {
    const view = this.view;
    if (!view) return;
    clear(this.body);
    const filters = this.context.filters();
    if (view.keys.length === 0) {
      const filtered = filters.tagFocus !== '' || filters.tagIgnore !== '' || filters.focus !== '' || filters.ignore !== '';
      const text = filtered
        ? 'No labels on the samples the filters keep.'
        : 'This profile has no labels. Go programs add them with pprof.Do or pprof.SetGoroutineLabels (CPU and goroutine profiles); heap profiles carry a "bytes" label.';
      this.body.append(element('p', { className: 'empty-state', text, attrs: { 'data-testid': 'labels-empty' } }));
      return;
    }
    for (const key of view.keys) this.body.append(this.keySection(key, filters));
    if (this.search) {
      const n = this.body.querySelectorAll('.lb-row.match').length;
      this.context.searchStatus(`${n} label value${n === 1 ? '' : 's'} match`);
    }
  }

  private keySection(key: LabelKeyRows, filters: Filters): HTMLElement {
    const root = labelKeys(filters.tagRoot).includes(key.key);
    const leaf = labelKeys(filters.tagLeaf).includes(key.key);
    const header = element('div', { className: 'lb-key-header' }, [
      element('h3', { className: 'lb-key', text: key.numeric && key.unit && key.unit !== key.key ? `${key.key} (${key.unit})` : key.key }),
      element('span', { className: 'lb-key-total', text: `${key.totalText} · ${key.percentText}` }),
      this.toggle('Group by this key', 'labels-group-root', root, `Label values of ${key.key} become the root frames of every view (pprof -tagroot)`, () =>
        this.apply({ ...filters, tagRoot: toggleLabelKey(filters.tagRoot, key.key) }),
      ),
      this.toggle('As leaf', 'labels-group-leaf', leaf, `Label values of ${key.key} become the leaf frames of every view (pprof -tagleaf)`, () =>
        this.apply({ ...filters, tagLeaf: toggleLabelKey(filters.tagLeaf, key.key) }),
      ),
    ]);
    const max = Math.max(...key.values.map((v) => Math.abs(v.total)), Math.abs(key.none.total), 1);
    const rows = key.values.slice(0, MAX_VALUES).map((v) => this.valueRow(key, v, max, filters));
    if (key.none.total !== 0) {
      rows.push(this.row(key.key, '(none)', key.none, max, 'Samples without this label', []));
    }
    const more = key.values.length - MAX_VALUES;
    const section = element('section', { className: 'lb-section', attrs: { 'data-testid': 'labels-key', 'data-key': key.key } }, [
      header,
      element('table', { className: 'lb-table' }, [element('tbody', {}, rows)]),
    ]);
    if (more > 0) section.append(element('p', { className: 'lb-more', text: `${more} more values, smaller than those shown (not listed).` }));
    return section;
  }

  private valueRow(key: LabelKeyRows, v: LabelValueRow, max: number, filters: Filters): HTMLElement {
    const focused = filters.tagFocus === v.filter;
    const ignored = filters.tagIgnore === v.filter;
    const actions = [
      this.toggle('Focus', 'labels-focus', focused, `Only samples with ${key.key}=${v.value} (tagfocus ${v.filter})`, () =>
        this.apply({ ...filters, tagFocus: focused ? '' : v.filter }),
      ),
      this.toggle('Ignore', 'labels-ignore', ignored, `Drop samples with ${key.key}=${v.value} (tagignore ${v.filter})`, () =>
        this.apply({ ...filters, tagIgnore: ignored ? '' : v.filter }),
      ),
    ];
    return this.row(key.key, v.value, v, max, `${key.key}=${v.value}`, actions);
  }

  private row(key: string, value: string, share: { total: number; totalText: string; percentText: string }, max: number, title: string, actions: HTMLElement[]): HTMLElement {
    const bar = element('div', { className: 'lb-bar' });
    bar.style.width = `${((Math.abs(share.total) / max) * 100).toFixed(2)}%`;
    const match = this.search?.test(value) ?? false;
    return element(
      'tr',
      {
        className: match ? 'lb-row match' : 'lb-row',
        attrs: { 'data-testid': 'labels-value', 'data-key': key, 'data-value': value, 'data-total': String(share.total), title },
      },
      [
        element('td', { className: 'lb-value', text: value }),
        element('td', { className: 'lb-bar-cell' }, [bar]),
        element('td', { className: 'lb-num', text: share.totalText, attrs: { 'data-col': 'total' } }),
        element('td', { className: 'lb-num', text: share.percentText, attrs: { 'data-col': 'percent' } }),
        element('td', { className: 'lb-actions' }, actions),
      ],
    );
  }

  private toggle(text: string, testId: string, pressed: boolean, title: string, onClick: () => void): HTMLButtonElement {
    const b = element('button', { className: 'tb-button lb-toggle', text, attrs: { type: 'button', title, 'data-testid': testId, 'aria-pressed': String(pressed) } });
    b.addEventListener('click', onClick);
    return b;
  }

  private apply(next: Filters): void {
    this.context.setFilters(next);
  }
}

export const labelsViewModule: ProfileViewModule = {
  id: 'labels',
  title: 'Labels',
  create: (container, context) => new LabelsViewInstance(container, context),
};
