/** The profile's metadata block ([data-testid="profile-meta"]). */
import type { ProfileSummary } from '../src/shared/view-model';
import { element } from './dom';

export function renderMeta(summary: ProfileSummary, sampleIndex: number, totalText: string | undefined): HTMLElement {
  const selected = summary.sampleTypes[sampleIndex];
  const entries: [string, string][] = [
    ['File', summary.source],
    ['Type', selected ? selected.type : ''],
    ['Sample types', summary.sampleTypes.map((t) => `${t.type}/${t.unit}`).join(', ')],
  ];
  if (summary.periodType) entries.push(['Period', `${summary.periodText || summary.period} (${summary.periodType.type})`]);
  if (summary.timeNanos > 0) entries.push(['Time', new Date(summary.timeNanos / 1e6).toLocaleString()]);
  if (summary.durationText) entries.push(['Duration', summary.durationText]);
  entries.push(['Samples', String(summary.sampleCount)]);
  if (totalText !== undefined) entries.push(['Total', totalText]);
  for (const comment of summary.comments) entries.push(['Comment', comment]);

  const list = element('dl', { className: 'meta', attrs: { 'data-testid': 'profile-meta' } });
  for (const [term, value] of entries) {
    list.append(element('dt', { text: term }), element('dd', { text: value }));
  }
  return list;
}
