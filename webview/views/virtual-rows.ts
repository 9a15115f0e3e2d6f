/**
 * A table that renders only the rows in view: a scroll box with a sticky header, a spacer
 * body above and below, and the visible rows in between (so rows stay :first-child-able).
 */
import { element } from '../dom';

export const ROW_HEIGHT = 22;
const OVERSCAN = 8;

export interface VirtualRowsOptions {
  readonly className: string;
  readonly testId: string;
  readonly head: HTMLTableSectionElement;
  readonly caption?: HTMLElement;
  /** Fills a fresh <tr> for row `index`. */
  renderRow(index: number): HTMLTableRowElement;
  /** Keys pressed while the table has focus (arrows, Enter...). */
  onKey?(event: KeyboardEvent): void;
}

export class VirtualRows {
  readonly element: HTMLDivElement;
  private readonly table: HTMLTableElement;
  private readonly padTop = element('tbody', { className: 'pad' });
  private readonly body = element('tbody');
  private readonly padBottom = element('tbody', { className: 'pad' });
  private readonly topSpacer = element('tr');
  private readonly bottomSpacer = element('tr');
  private count = 0;
  private frame = 0;
  private range = '';

  constructor(private readonly options: VirtualRowsOptions) {
    this.padTop.append(this.topSpacer);
    this.padBottom.append(this.bottomSpacer);
    this.table = element('table', { className: options.className, attrs: { 'data-testid': options.testId } }, [
      ...(options.caption ? [options.caption] : []),
      options.head,
      this.padTop,
      this.body,
      this.padBottom,
    ]);
    this.element = element('div', { className: 'vscroll', attrs: { tabindex: '0', role: 'grid' } }, [this.table]);
    const onKey = options.onKey;
    if (onKey) this.element.addEventListener('keydown', (e) => onKey(e));
    this.element.addEventListener('scroll', () => {
      cancelAnimationFrame(this.frame);
      this.frame = requestAnimationFrame(() => this.render());
    });
    new ResizeObserver(() => this.render()).observe(this.element);
  }

  setCount(count: number): void {
    this.count = count;
    this.refresh();
  }

  /** Re-renders the visible rows (their data changed). */
  refresh(): void {
    this.range = '';
    this.render();
  }

  scrollToRow(index: number): void {
    const top = index * ROW_HEIGHT;
    const view = this.element.clientHeight - this.options.head.offsetHeight;
    if (top < this.element.scrollTop || top + ROW_HEIGHT > this.element.scrollTop + view) {
      this.element.scrollTop = Math.max(0, top - view / 2);
    }
    this.render();
  }

  /** Is row `index` wholly in view, below the sticky header? */
  isRowVisible(index: number): boolean {
    const top = index * ROW_HEIGHT;
    const view = this.element.clientHeight - this.options.head.offsetHeight;
    return view > 0 && top >= this.element.scrollTop && top + ROW_HEIGHT <= this.element.scrollTop + view;
  }

  /** Has the keyboard focus (the user is moving through the rows). */
  hasFocus(): boolean {
    return this.element.contains(document.activeElement);
  }

  private render(): void {
    const height = this.element.clientHeight || 600;
    const first = Math.max(0, Math.floor(this.element.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.count, Math.ceil((this.element.scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
    const range = `${first}:${last}:${this.count}`;
    if (range === this.range) return;
    this.range = range;
    this.topSpacer.style.height = `${first * ROW_HEIGHT}px`;
    this.bottomSpacer.style.height = `${(this.count - last) * ROW_HEIGHT}px`;
    const rows = document.createDocumentFragment();
    for (let i = first; i < last; i++) rows.append(this.options.renderRow(i));
    this.body.replaceChildren(rows);
  }
}
