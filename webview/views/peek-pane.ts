/** One function's flat/cum and its callers and callees with pprof's -peek numbers (Tree's side pane, Sandwich). */
import type { PeekView } from '../../src/shared/peek-view';
import { element } from '../dom';

export interface PeekPaneActions {
  select(name: string): void;
  /** When given, a "Sandwich" button opens the function's sandwich. */
  openSandwich?(name: string): void;
}

function peekList(title: string, testId: string, rows: PeekView['callers'], select: (name: string) => void): HTMLElement {
  if (rows.length === 0) return element('section', {}, [element('h3', { text: title }), element('p', { className: 'muted', text: 'none' })]);
  const items = rows.map((r) => {
    const li = element('li', { attrs: { 'data-testid': testId, 'data-name': r.name, 'data-value': String(r.value) } }, [
      element('span', { className: 'peek-value', text: `${r.valueText} ${r.percent}` }),
      element('span', { text: r.name }),
    ]);
    li.addEventListener('click', () => select(r.name));
    return li;
  });
  return element('section', {}, [element('h3', { text: title }), element('ul', {}, items)]);
}

export function peekPane(peek: PeekView, actions: PeekPaneActions): HTMLElement[] {
  const header: HTMLElement[] = [element('h2', { text: peek.name, attrs: { 'data-testid': 'peek-name' } })];
  const openSandwich = actions.openSandwich;
  if (openSandwich) {
    const button = element('button', { className: 'tb-button', text: 'Sandwich', attrs: { type: 'button', 'data-testid': 'peek-sandwich' } });
    button.addEventListener('click', () => openSandwich(peek.name));
    header.push(button);
  }
  return [
    ...header,
    element('p', { className: 'muted', text: `flat ${peek.flatText} · cum ${peek.cumText}`, attrs: { 'data-testid': 'peek-totals' } }),
    peekList('Callers', 'peek-caller', peek.callers, actions.select),
    peekList('Callees', 'peek-callee', peek.callees, actions.select),
  ];
}
