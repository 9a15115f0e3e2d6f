/**
 * A tab that shows one function at a time (Source, Disassembly): it follows the shared
 * selection, asks the host when the function or the query changed, and shows a hint while
 * nothing is selected. The Sandwich tab keeps its own (it also lists search matches).
 */
import type { PeekParams } from '../../src/shared/peek-view';
import type { ViewQuery } from '../../src/shared/view-model';
import { element } from '../dom';
import { queryKey, type ViewContext, type ViewInstance } from './view-module';

export abstract class FunctionPane<T> implements ViewInstance {
  private query: ViewQuery | undefined;
  private selection: string | undefined;
  private shownKey = '';
  private generation = 0;
  private readonly hint: HTMLElement;
  /** Where the subclass renders the function. */
  protected readonly body = element('div');

  constructor(
    private readonly container: HTMLElement,
    protected readonly context: ViewContext,
    hintText: string,
    testId: string,
  ) {
    this.hint = element('p', { className: 'muted', text: hintText, attrs: { 'data-testid': `${testId}-empty` } });
    container.append(element('div', { className: testId, attrs: { 'data-testid': testId } }, [this.hint, this.body]));
  }

  /** The host's answer for the function (`params.name`) under the query. */
  protected abstract fetch(params: PeekParams): Promise<T>;
  protected abstract render(view: T, params: PeekParams): void;

  async show(query: ViewQuery, isCurrent: () => boolean): Promise<void> {
    this.query = query;
    if (isCurrent()) await this.load();
  }

  setSelection(name: string | undefined): void {
    if (name === undefined || name === this.selection) return;
    this.selection = name;
    this.loadShowingErrors();
  }

  revealFunction(name: string): void {
    this.selection = name;
    this.loadShowingErrors();
  }

  setSearch(): void {
    // These tabs list one function; the shared search does not apply.
    this.context.searchStatus('');
  }

  /** Asks again for the current function (after "Choose Binary…", say). */
  protected reload(): void {
    this.shownKey = '';
    this.loadShowingErrors();
  }

  /** The params of the function shown now. */
  protected get params(): PeekParams | undefined {
    return this.query && this.selection !== undefined ? { ...this.query, name: this.selection } : undefined;
  }

  protected showError(error: unknown): void {
    this.body.replaceChildren(element('p', { className: 'error-message', text: error instanceof Error ? error.message : String(error), attrs: { role: 'alert' } }));
  }

  private loadShowingErrors(): void {
    this.load().catch((error: unknown) => this.showError(error));
  }

  private async load(): Promise<void> {
    const params = this.params;
    if (!params) return;
    const key = queryKey(params);
    if (key === this.shownKey) return;
    const generation = ++this.generation;
    const view = await this.fetch(params);
    if (generation !== this.generation) return;
    this.shownKey = key;
    this.hint.hidden = true;
    this.render(view, params);
  }

  dispose(): void {
    this.container.replaceChildren();
  }
}

/** pprof's list/disasm cell: the value in the report's unit, "." for none. */
export function costText(value: number, format: (v: number) => string): string {
  return value === 0 ? '.' : format(value);
}

/** Heat 1..5 of a line's cum within its routine's cum (0: not sampled), for the CSS. */
export function heat(cum: number, routineCum: number): string {
  if (cum === 0 || routineCum === 0) return '0';
  return String(Math.min(5, 1 + Math.floor((Math.abs(cum) / Math.abs(routineCum)) * 5)));
}
