import { el } from './dom';
import type { TooltipContent } from './tooltip-text';

/** The hover card: a DOM element whose text is always set with textContent. */
export class FlameTooltip {
  readonly element: HTMLDivElement;
  private readonly name: HTMLDivElement;
  private readonly location: HTMLDivElement;
  private readonly body: HTMLDivElement;

  constructor(private readonly doc: Document) {
    this.element = el(doc, 'div', 'gp-flame-tooltip');
    this.element.setAttribute('role', 'tooltip');
    this.element.hidden = true;
    this.name = el(doc, 'div', 'gp-name');
    this.location = el(doc, 'div', 'gp-file');
    this.body = el(doc, 'div', 'gp-lines');
    const hint = el(doc, 'div', 'gp-hint', 'Click to zoom · double-click or Ctrl/Cmd+click to open source');
    this.element.append(this.name, this.location, this.body, hint);
  }

  show(content: TooltipContent, clientX: number, clientY: number): void {
    this.name.textContent = content.name;
    this.location.textContent = content.location;
    this.location.hidden = content.location === '';
    this.body.replaceChildren(...content.lines.map((line) => el(this.doc, 'div', line.className, line.text)));
    this.element.dataset.value = String(content.value);
    this.element.hidden = false;
    const view = this.doc.defaultView;
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
