/**
 * The Sandwich tab's answer to the shared search: the functions whose name matches (Top's
 * rows, heaviest flat first), each a button that opens its sandwich.
 */
import type { TopView } from '../../src/shared/top-view';
import { element } from '../dom';
import { rowFunction } from './top-view';

const MAX_MATCHES = 12;

export function searchMatches(top: TopView, pattern: RegExp, open: (name: string) => void): HTMLElement {
  const names: string[] = [];
  for (const row of top.rows) {
    const name = rowFunction(row);
    if (pattern.test(name) && !names.includes(name)) names.push(name);
    if (names.length === MAX_MATCHES) break;
  }
  const list = element('div', { className: 'sandwich-matches', attrs: { 'data-testid': 'sandwich-matches' } }, [
    element('span', { className: 'muted', text: names.length === 0 ? 'No function matches the search.' : 'Sandwich of: ' }),
  ]);
  for (const name of names) {
    const button = element('button', { className: 'tb-button', text: name, attrs: { type: 'button', 'data-testid': 'sandwich-match', 'data-name': name } });
    button.addEventListener('click', () => open(name));
    list.append(button);
  }
  return list;
}
