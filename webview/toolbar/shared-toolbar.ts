/**
 * The toolbar every view shares: sample type, granularity, focus/ignore/hide/show, "only my
 * module", the tag filter, undo/redo, the search box and "Compare with…".
 */
import { compileGoRegexp } from '../../src/shared/go-regexp';
import { granularities, type ProfileSummary } from '../../src/shared/view-model';
import { element } from '../dom';
import { escapeRegexp, FILTER_FIELDS, type FilterField, type Filters } from '../filters';
import { labelSelect, showLabelFilter, showLabelGrouping } from './label-select';

export interface ToolbarActions {
  sampleIndex(index: number): void;
  filters(next: Filters): void;
  undo(): void;
  redo(): void;
  search(text: string): void;
  compare(): void;
  stopComparing(): void;
  /** "Save View…": the host asks for a name and saves the current view state. */
  saveView(): void;
}

const FIELD_LABELS: Record<FilterField, string> = {
  focus: 'Focus',
  ignore: 'Ignore',
  hide: 'Hide',
  show: 'Show',
};

/** Why `pattern` is not a valid regexp for pprof, or undefined when it is. */
export function regexpProblem(field: string, pattern: string): string | undefined {
  if (pattern === '') return undefined;
  try {
    compileGoRegexp(field, pattern);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export class SharedToolbar {
  readonly element: HTMLElement;
  private readonly inputs = new Map<FilterField, HTMLInputElement>();
  private readonly granularity: HTMLSelectElement;
  private readonly tag: HTMLSelectElement;
  private readonly tagIgnore: HTMLSelectElement;
  private readonly myModule: HTMLInputElement;
  private readonly undoButton: HTMLButtonElement;
  private readonly redoButton: HTMLButtonElement;
  private readonly error: HTMLElement;
  private readonly searchInput: HTMLInputElement;
  private readonly searchStatus: HTMLElement;
  private readonly compareSlot: HTMLElement;
  private readonly groupingSlot = element('span', { className: 'tb-grouping' });
  private filters: Filters;

  constructor(
    summary: ProfileSummary,
    sampleIndex: number,
    filters: Filters,
    private readonly modulePath: string | undefined,
    private readonly actions: ToolbarActions,
  ) {
    this.filters = filters;
    this.granularity = element('select', { attrs: { 'data-testid': 'granularity-select', 'aria-label': 'Granularity' } });
    for (const g of granularities) this.granularity.append(element('option', { text: g, attrs: { value: g } }));
    this.granularity.addEventListener('change', () => {
      const value = granularities.find((g) => g === this.granularity.value) ?? 'functions';
      this.apply({ ...this.filters, granularity: value });
    });

    this.tag = labelSelect(summary, { testId: 'tag-select', ariaLabel: 'Label filter (tagfocus)', noneText: 'All labels' });
    this.tag.addEventListener('change', () => this.apply({ ...this.filters, tagFocus: this.tag.value }));
    this.tagIgnore = labelSelect(summary, { testId: 'tag-ignore-select', ariaLabel: 'Ignore label (tagignore)', noneText: 'Ignore no label' });
    this.tagIgnore.addEventListener('change', () => this.apply({ ...this.filters, tagIgnore: this.tagIgnore.value }));

    this.myModule = element('input', { attrs: { type: 'checkbox', 'data-testid': 'only-my-module' } });
    this.myModule.disabled = !modulePath;
    this.myModule.addEventListener('change', () => {
      const focus = this.myModule.checked && modulePath ? this.moduleFocus(modulePath) : '';
      this.apply({ ...this.filters, focus });
    });
    const moduleLabel = element('label', { className: 'tb-check', attrs: { title: modulePath ? `Focus on ^${modulePath}/` : 'No go.mod found for this profile' } }, [
      this.myModule,
      element('span', { text: 'Only my module' }),
    ]);

    this.undoButton = this.button('Undo', 'filters-undo', 'Undo the last filter change', () => actions.undo());
    this.redoButton = this.button('Redo', 'filters-redo', 'Redo the filter change', () => actions.redo());
    this.error = element('span', { className: 'tb-error', attrs: { 'data-testid': 'filter-error', role: 'alert' } });

    this.searchInput = element('input', {
      className: 'tb-search',
      attrs: { type: 'search', placeholder: 'Search (regex)', 'aria-label': 'Search all views (regular expression)', 'data-testid': 'search-input' },
    });
    this.searchStatus = element('span', { className: 'tb-status', attrs: { 'data-testid': 'search-status', 'aria-live': 'polite' } });
    this.searchInput.addEventListener('input', () => {
      const problem = regexpProblem('search', this.searchInput.value);
      this.searchInput.classList.toggle('invalid', problem !== undefined);
      this.searchInput.setAttribute('aria-invalid', String(problem !== undefined));
      if (problem) this.searchStatus.textContent = problem;
      else actions.search(this.searchInput.value);
    });
    this.compareSlot = element('span', { className: 'tb-compare' });
    this.setBase(undefined);

    const select = element('select', { attrs: { 'data-testid': 'sample-type-select', 'aria-label': 'Sample type' } });
    summary.sampleTypes.forEach((t, i) => select.append(element('option', { text: `${t.type} (${t.unit})`, attrs: { value: String(i) } })));
    select.value = String(sampleIndex);
    select.addEventListener('change', () => actions.sampleIndex(Number(select.value)));

    const filterInputs = FILTER_FIELDS.map((field) => this.filterInput(field));
    this.element = element('div', { className: 'shared-toolbar', attrs: { role: 'toolbar', 'aria-label': 'Profile options' } }, [
      element('div', { className: 'tb-row' }, [
        element('label', { className: 'sample-type' }, [element('span', { text: 'Sample type' }), select]),
        element('label', {}, [element('span', { text: 'Granularity ' }), this.granularity]),
        this.tag,
        this.tagIgnore,
        moduleLabel,
        this.undoButton,
        this.redoButton,
        this.compareSlot,
        this.button('Save View…', 'save-view', 'Save the tab, sample type, filters and zoom as a named view (Go Profiler: Saved Views)', () => actions.saveView()),
        this.groupingSlot,
      ]),
      element('div', { className: 'tb-row' }, [...filterInputs, this.searchInput, this.searchStatus]),
      this.error,
    ]);
    this.setFilters(filters, false, false);
  }

  /** Shows `filters` in the inputs (after undo/redo or a restore). */
  setFilters(filters: Filters, canUndo: boolean, canRedo: boolean): void {
    this.filters = filters;
    for (const [field, input] of this.inputs) {
      input.value = filters[field];
      input.classList.remove('invalid');
    }
    this.granularity.value = filters.granularity;
    showLabelFilter(this.tag, filters.tagFocus);
    showLabelFilter(this.tagIgnore, filters.tagIgnore);
    showLabelGrouping(this.groupingSlot, filters.tagRoot, filters.tagLeaf, () => this.apply({ ...this.filters, tagRoot: '', tagLeaf: '' }));
    this.myModule.checked = this.modulePath !== undefined && filters.focus === this.moduleFocus(this.modulePath);
    this.undoButton.disabled = !canUndo;
    this.redoButton.disabled = !canRedo;
    this.error.textContent = '';
  }

  setSearchStatus(text: string): void {
    this.searchStatus.textContent = text;
  }

  get searchText(): string {
    return this.searchInput.value;
  }

  /** Shows "Compare with…", or the base's name and "Stop comparing". */
  setBase(source: string | undefined): void {
    this.compareSlot.replaceChildren(
      ...(source === undefined
        ? [this.button('Compare with…', 'compare-with', 'Compare this profile with a base profile', () => this.actions.compare())]
        : [
            element('span', { className: 'tb-base', text: `Δ vs ${source}`, attrs: { 'data-testid': 'compare-base' } }),
            this.button('Stop comparing', 'stop-comparing', 'Show this profile alone', () => this.actions.stopComparing()),
          ]),
    );
  }

  showError(message: string): void {
    this.error.textContent = message;
  }

  private moduleFocus(modulePath: string): string {
    return `^${escapeRegexp(modulePath)}/`;
  }

  private filterInput(field: FilterField): HTMLElement {
    const input = element('input', {
      className: 'tb-filter',
      attrs: { type: 'text', placeholder: `${FIELD_LABELS[field]} (regex)`, 'aria-label': `${FIELD_LABELS[field]} regular expression`, 'data-testid': `filter-${field}` },
    });
    this.inputs.set(field, input);
    input.addEventListener('input', () => {
      const problem = regexpProblem(field, input.value);
      input.classList.toggle('invalid', problem !== undefined);
      input.setAttribute('aria-invalid', String(problem !== undefined));
      this.error.textContent = problem ?? '';
    });
    // Enter or leaving the box applies it; an invalid pattern is never sent.
    input.addEventListener('change', () => {
      const problem = regexpProblem(field, input.value);
      if (problem) {
        this.error.textContent = problem;
        return;
      }
      this.apply({ ...this.filters, [field]: input.value });
    });
    return input;
  }

  private apply(next: Filters): void {
    this.filters = next;
    this.actions.filters(next);
  }

  private button(text: string, testId: string, title: string, onClick: () => void): HTMLButtonElement {
    const b = element('button', { className: 'tb-button', text, attrs: { type: 'button', title, 'data-testid': testId } });
    b.addEventListener('click', onClick);
    return b;
  }
}
