import { el } from './dom';

export interface Crumb {
  readonly node: number;
  readonly label: string;
}

/** The path from the root to the zoomed frame; every ancestor is a button that zooms back. */
export class Breadcrumb {
  readonly element: HTMLElement;

  constructor(
    private readonly doc: Document,
    private readonly onPick: (node: number) => void,
  ) {
    this.element = el(doc, 'nav', 'gp-flame-crumbs');
    this.element.setAttribute('aria-label', 'Zoom path');
  }

  render(path: readonly Crumb[]): void {
    const children: Node[] = [];
    path.forEach((crumb, i) => {
      if (i > 0) children.push(el(this.doc, 'span', 'gp-sep', '›'));
      const b = el(this.doc, 'button', undefined, crumb.label);
      b.type = 'button';
      b.title = crumb.label;
      b.dataset.node = String(crumb.node);
      if (i === path.length - 1) b.setAttribute('aria-current', 'page');
      else b.addEventListener('click', () => this.onPick(crumb.node));
      children.push(b);
    });
    this.element.replaceChildren(...children);
  }
}
