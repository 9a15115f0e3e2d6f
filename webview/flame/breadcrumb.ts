import { el } from './dom';

export interface Crumb {
  readonly node: number;
  readonly label: string;
}

/** Long paths show the root, an ellipsis that expands them, and the last few frames. */
const HEAD = 1;
const TAIL = 6;

/** The path from the root to the zoomed frame; every ancestor is a button that zooms back. */
export class Breadcrumb {
  readonly element: HTMLElement;
  private path: readonly Crumb[] = [];
  private expanded = false;

  constructor(
    private readonly doc: Document,
    private readonly onPick: (node: number) => void,
  ) {
    this.element = el(doc, 'nav', 'gp-flame-crumbs');
    this.element.setAttribute('aria-label', 'Zoom path');
  }

  render(path: readonly Crumb[]): void {
    this.path = path;
    this.expanded = false;
    this.draw();
  }

  private draw(): void {
    const path = this.path;
    const collapse = !this.expanded && path.length > HEAD + TAIL + 1;
    const shown = collapse ? [...path.slice(0, HEAD), undefined, ...path.slice(path.length - TAIL)] : path;
    const children: Node[] = [];
    shown.forEach((crumb, i) => {
      if (i > 0) children.push(el(this.doc, 'span', 'gp-sep', '›'));
      if (crumb === undefined) {
        const more = el(this.doc, 'button', 'gp-more', '…');
        more.type = 'button';
        more.title = `Show ${path.length - HEAD - TAIL} more frames`;
        more.setAttribute('aria-label', more.title);
        more.addEventListener('click', () => {
          this.expanded = true;
          this.draw();
        });
        children.push(more);
        return;
      }
      const b = el(this.doc, 'button', undefined, crumb.label);
      b.type = 'button';
      b.title = crumb.label;
      b.dataset.node = String(crumb.node);
      if (i === shown.length - 1) b.setAttribute('aria-current', 'page');
      else b.addEventListener('click', () => this.onPick(crumb.node));
      children.push(b);
    });
    this.element.replaceChildren(...children);
  }
}
