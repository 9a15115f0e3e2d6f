/**
 * The applied transforms as chips in a breadcrumb above the views, in the order applied. A chip's
 * × removes that transform alone (the others are applied again without it); Ctrl+Z / Ctrl+Shift+Z
 * (handled by the app) walk the same history as the toolbar's Undo/Redo.
 */
import { transformLabel, type Transform } from '../../src/shared/transforms';
import { clear, element } from '../dom';

export class TransformBar {
  readonly element = element('div', { className: 'transform-bar', attrs: { role: 'list', 'aria-label': 'Applied transforms', 'data-testid': 'transform-bar' } });

  constructor(private readonly remove: (index: number) => void) {
    this.element.hidden = true;
  }

  show(transforms: readonly Transform[]): void {
    clear(this.element);
    this.element.hidden = transforms.length === 0;
    if (transforms.length === 0) return;
    this.element.append(element('span', { className: 'transform-bar-title', text: 'Transforms' }));
    transforms.forEach((t, i) => {
      const label = transformLabel(t);
      const remove = element('button', {
        className: 'transform-remove',
        text: '×',
        attrs: { type: 'button', title: `Remove “${label}”`, 'aria-label': `Remove ${label}`, 'data-testid': 'transform-remove' },
      });
      remove.addEventListener('click', () => this.remove(i));
      if (i > 0) this.element.append(element('span', { className: 'transform-sep', text: '›', attrs: { 'aria-hidden': 'true' } }));
      this.element.append(
        element('span', { className: 'transform-chip', attrs: { role: 'listitem', 'data-testid': 'transform-chip', 'data-kind': t.kind } }, [
          element('span', { className: 'transform-label', text: label }),
          remove,
        ]),
      );
    });
  }
}
