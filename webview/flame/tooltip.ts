import { el } from './dom';

export interface TooltipContent {
  readonly name: string;
  /** "file:line", or "" when the frame has no file. */
  readonly location: string;
  readonly total: string;
  readonly ofParent: string;
  readonly self: string;
  /** Exact value of the frame, kept on the element for tests and assistive tools. */
  readonly value: number;
}

/** The hover card: a DOM element whose text is always set with textContent. */
export class FlameTooltip {
  readonly element: HTMLDivElement;
  private readonly name: HTMLDivElement;
  private readonly location: HTMLDivElement;
  private readonly total: HTMLDivElement;
  private readonly ofParent: HTMLDivElement;
  private readonly self: HTMLDivElement;

  constructor(doc: Document) {
    this.element = el(doc, 'div', 'gp-flame-tooltip');
    this.element.setAttribute('role', 'tooltip');
    this.element.hidden = true;
    this.name = el(doc, 'div', 'gp-name');
    this.location = el(doc, 'div', 'gp-file');
    this.total = el(doc, 'div', 'gp-total');
    this.ofParent = el(doc, 'div', 'gp-parent');
    this.self = el(doc, 'div', 'gp-self');
    const hint = el(doc, 'div', 'gp-hint', 'Click to zoom · double-click or Ctrl/Cmd+click to open source');
    this.element.append(this.name, this.location, this.total, this.ofParent, this.self, hint);
  }

  show(content: TooltipContent, clientX: number, clientY: number): void {
    this.name.textContent = content.name;
    this.location.textContent = content.location;
    this.location.hidden = content.location === '';
    this.total.textContent = content.total;
    this.ofParent.textContent = content.ofParent;
    this.self.textContent = content.self;
    this.element.dataset.value = String(content.value);
    this.element.hidden = false;
    const view = this.element.ownerDocument.defaultView;
    const vw = view?.innerWidth ?? 1024;
    const vh = view?.innerHeight ?? 768;
    const rect = this.element.getBoundingClientRect();
    let left = clientX + 14;
    let top = clientY + 16;
    if (left + rect.width > vw - 4) left = Math.max(4, clientX - rect.width - 14);
    if (top + rect.height > vh - 4) top = Math.max(4, clientY - rect.height - 12);
    this.element.style.left = `${left}px`;
    this.element.style.top = `${top}px`;
  }

  hide(): void {
    this.element.hidden = true;
  }
}
