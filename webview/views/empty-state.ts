/** The friendly "nothing to show" block every view uses for zero samples. */
import type { ProfileSummary } from '../../src/shared/view-model';
import { element } from '../dom';

export function emptyState(summary: ProfileSummary, sampleIndex: number, filtered: boolean): HTMLElement {
  const t = summary.sampleTypes[sampleIndex];
  const kind = t ? `${t.type}/${t.unit}` : 'this sample type';
  const hint = filtered
    ? 'The filters leave no samples. Undo the last filter change or clear the filter boxes.'
    : `This profile has no samples with a value for ${kind}. Try another sample type, or capture the profile for longer.`;
  return element('div', { className: 'empty-state', attrs: { 'data-testid': 'empty-state' } }, [
    element('p', { className: 'empty-title', text: 'Nothing to show' }),
    element('p', { text: hint }),
  ]);
}

export function isFiltered(query: object): boolean {
  return Object.keys(query).some((k) => k !== 'sampleIndex' && k !== 'diff');
}
