/** The toolbar's label filters (tagfocus, tagignore): a select of every key=value of the profile's string labels. */
import type { ProfileSummary } from '../../src/shared/view-model';
import { element } from '../dom';
import { escapeRegexp } from '../filters';

export interface LabelSelectOptions {
  readonly testId: string;
  readonly ariaLabel: string;
  /** The option that sets no filter, e.g. "All labels". */
  readonly noneText: string;
}

export function labelSelect(summary: ProfileSummary, options: LabelSelectOptions): HTMLSelectElement {
  const select = element('select', { attrs: { 'data-testid': options.testId, 'aria-label': options.ariaLabel, title: options.ariaLabel } });
  select.append(element('option', { text: summary.labels.length ? options.noneText : 'No labels', attrs: { value: '' } }));
  for (const { key, values } of summary.labels) {
    const group = element('optgroup', { attrs: { label: key } });
    for (const v of values) group.append(element('option', { text: `${key}=${v}`, attrs: { value: `${key}=^${escapeRegexp(v)}$` } }));
    select.append(group);
  }
  select.disabled = summary.labels.length === 0;
  return select;
}

/**
 * Shows `filter` in the select; a filter it does not list (a numeric label's value set from the
 * Labels tab, a value past the listed ones) gets an option of its own, so what is applied is
 * always what is shown.
 */
export function showLabelFilter(select: HTMLSelectElement, filter: string): void {
  select.querySelector('option[data-custom]')?.remove();
  select.value = filter;
  if (select.value === filter) return;
  select.append(element('option', { text: filter, attrs: { value: filter, 'data-custom': '' } }));
  select.disabled = false;
  select.value = filter;
}

/**
 * What tagroot / tagleaf are on, for the toolbar ("Label roots: phase · leaves: shape") with a
 * button that turns both off; empty when neither is on. The Labels tab sets them; this shows
 * them on every tab, so label frames in a view never come unexplained.
 */
export function showLabelGrouping(slot: HTMLElement, tagRoot: string, tagLeaf: string, clear: () => void): void {
  const parts = [tagRoot !== '' ? `roots: ${tagRoot}` : '', tagLeaf !== '' ? `leaves: ${tagLeaf}` : ''].filter(Boolean);
  if (parts.length === 0) {
    slot.replaceChildren();
    slot.hidden = true;
    return;
  }
  const button = element('button', {
    className: 'tb-button',
    text: '×',
    attrs: { type: 'button', title: 'Stop grouping by labels', 'aria-label': 'Stop grouping by labels', 'data-testid': 'label-grouping-clear' },
  });
  button.addEventListener('click', clear);
  slot.replaceChildren(element('span', { text: `Label ${parts.join(' · ')}`, attrs: { 'data-testid': 'label-grouping' } }), button);
  slot.hidden = false;
}
