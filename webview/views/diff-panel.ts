/**
 * The parts of the flame tab that only a comparison has: the bar above the graph (normalise,
 * what width and colour mean) and the biggest changes below it, grown and shrunk side by side.
 */
import { formatValue } from '../../src/shared/units';
import { element } from '../dom';
import { biggestChanges, signedShare, signedValue, type DiffChange, type DiffFlame } from './diff-model';

const CHANGES_LISTED = 8;

export interface DiffPanelActions {
  normalise(on: boolean): void;
  /** A change in the list was picked: select and reveal its function. */
  reveal(change: DiffChange): void;
}

export class DiffPanel {
  /** Goes above the graph. */
  readonly bar: HTMLElement;
  /** Goes below the graph. */
  readonly changes: HTMLElement;
  private readonly scaleNote = element('span', { className: 'diff-scale', attrs: { 'data-testid': 'diff-scale' } });
  private readonly grew = element('ol', { className: 'diff-list', attrs: { 'data-testid': 'diff-grew', 'aria-label': 'Grew most' } });
  private readonly shrank = element('ol', { className: 'diff-list', attrs: { 'data-testid': 'diff-shrank', 'aria-label': 'Shrank most' } });

  constructor(baseSource: string, normalised: boolean, private readonly actions: DiffPanelActions) {
    const box = element('input', { attrs: { type: 'checkbox', 'data-testid': 'diff-normalise' } });
    box.checked = normalised;
    box.addEventListener('change', () => actions.normalise(box.checked));
    const swatch = (kind: string, text: string): HTMLElement => element('span', { className: `diff-key ${kind}`, text });
    this.bar = element('div', { className: 'diff-toolbar', attrs: { 'data-testid': 'diff-bar' } }, [
      element('label', { className: 'tb-check', attrs: { title: 'Scale the current profile so its total equals the base total (pprof -normalize)' } }, [
        box,
        element('span', { text: 'Normalise' }),
      ]),
      this.scaleNote,
      element('span', { className: 'diff-legend', attrs: { 'data-testid': 'diff-legend' } }, [
        swatch('grew', 'grew'),
        swatch('shrank', 'shrank'),
        element('span', { text: ` since ${baseSource} · stronger colour: bigger change against the base total · width: base + current` }),
      ]),
    ]);
    this.changes = element('div', { className: 'diff-changes', attrs: { 'data-testid': 'diff-changes' } }, [
      element('section', {}, [element('h3', { text: 'Grew most (self)' }), this.grew]),
      element('section', {}, [element('h3', { text: 'Shrank most (self)' }), this.shrank]),
    ]);
  }

  show(diff: DiffFlame): void {
    this.scaleNote.textContent = diff.scale !== 1 ? `current × ${diff.scale.toPrecision(3)}` : '';
    const { grew, shrank } = biggestChanges(diff, CHANGES_LISTED);
    this.grew.replaceChildren(...this.items(grew, diff, 'grew'));
    this.shrank.replaceChildren(...this.items(shrank, diff, 'shrank'));
  }

  private items(changes: readonly DiffChange[], diff: DiffFlame, kind: 'grew' | 'shrank'): HTMLElement[] {
    if (changes.length === 0) return [element('li', { className: 'muted', text: kind === 'grew' ? 'Nothing grew' : 'Nothing shrank' })];
    return changes.map((change) => {
      const button = element('button', { className: 'diff-change', attrs: { type: 'button', title: `Show ${change.name} in the graph` } }, [
        element('span', { className: `diff-delta ${kind}`, text: `${signedValue(change.delta, diff.unit)} (${signedShare(change.delta, diff.total)})` }),
        element('span', { className: 'diff-name', text: change.name }),
        element('span', { className: 'diff-from-to', text: `${formatValue(change.base, diff.unit)} → ${formatValue(change.current, diff.unit)}` }),
      ]);
      button.addEventListener('click', () => this.actions.reveal(change));
      return element('li', { attrs: { 'data-name': change.name, 'data-change': kind, 'data-delta': String(change.delta), 'data-base': String(change.base), 'data-current': String(change.current) } }, [button]);
    });
  }
}
