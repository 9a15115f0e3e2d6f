/**
 * The "Source" tab (pprof's list/weblist): the selected function's source lines with flat/cum
 * as `go tool pprof -list` prints them, sampled lines tinted by their share of the function
 * (heat), the calls made on a line expandable under it, a click on a line opens it in the editor.
 */
import type { PeekParams } from '../../src/shared/peek-view';
import type { SourceLineView, SourceRoutineView, SourceView } from '../../src/shared/source-view';
import { formatPercent, formatValue } from '../../src/shared/units';
import { element } from '../dom';
import { costText, FunctionPane, heat } from './function-pane';
import type { ProfileViewModule } from './view-module';

const HINT = 'Select a function in any view (or right-click it and choose Show Source) to see its source lines with their flat and cum.';

class SourceViewInstance extends FunctionPane<SourceView> {
  protected fetch(params: PeekParams): Promise<SourceView> {
    return this.context.rpc.request('source', params);
  }

  protected render(view: SourceView): void {
    const value = (v: number): string => formatValue(v, view.unit, 'minimum');
    const blocks: HTMLElement[] = [element('h2', { className: 'source-title', text: view.name, attrs: { 'data-testid': 'source-name' } })];
    if (view.message !== undefined) blocks.push(element('p', { className: 'muted', text: view.message, attrs: { 'data-testid': 'source-message' } }));
    for (const r of view.routines) blocks.push(this.routine(r, view, value));
    this.body.replaceChildren(...blocks);
  }

  private routine(r: SourceRoutineView, view: SourceView, value: (v: number) => string): HTMLElement {
    const head = element('div', { className: 'listing-head' }, [
      element('span', { className: 'listing-file', text: r.path ?? r.file, attrs: { title: r.file } }),
      element('span', { className: 'muted', text: ` ${value(r.flat)} flat, ${value(r.cum)} cum (${formatPercent(r.cum, view.total).trim()} of total)` }),
    ]);
    const section = element('section', { className: 'listing', attrs: { 'data-testid': 'source-routine', 'data-file': r.file } }, [head]);
    if (r.error !== undefined) {
      section.append(element('p', { className: 'error-message', text: r.error, attrs: { 'data-testid': 'source-error' } }));
      return section;
    }
    const body = element('tbody');
    for (const line of r.lines) body.append(...this.line(line, r, value));
    section.append(
      element('table', { className: 'listing-table' }, [
        element('thead', {}, [element('tr', {}, ['flat', 'cum', 'line', 'source'].map((t) => element('th', { text: t })))]),
        body,
      ]),
    );
    return section;
  }

  private line(line: SourceLineView, r: SourceRoutineView, value: (v: number) => string): HTMLElement[] {
    const attrs = { 'data-testid': 'source-line', 'data-line': String(line.line), 'data-flat': String(line.flat), 'data-cum': String(line.cum), 'data-heat': heat(line.cum, r.cum), tabindex: '0' };
    const code = element('td', { className: 'listing-code' }, [element('span', { className: 'listing-text', text: line.text })]);
    const tr = element('tr', { className: 'listing-row', attrs }, [
      element('td', { className: 'num', text: costText(line.flat, value) }),
      element('td', { className: 'num', text: costText(line.cum, value) }),
      element('td', { className: 'num listing-lineno', text: String(line.line) }),
      code,
    ]);
    const open = (): void => this.context.openSource(r.file, line.line, r.name);
    tr.addEventListener('click', open);
    tr.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') open();
    });
    if (line.callees.length === 0) return [tr];
    const calls = line.callees.map((c) => {
      const name = element('button', { className: 'link', text: c.name, attrs: { type: 'button', 'data-testid': 'source-callee-name', title: `Show ${c.name}` } });
      name.addEventListener('click', () => this.context.select(c.name));
      return element('tr', { className: 'listing-callee', attrs: { 'data-testid': 'source-callee', 'data-name': c.name, 'data-cum': String(c.cum) } }, [
        element('td'),
        element('td', { className: 'num', text: value(c.cum) }),
        element('td'),
        element('td', { className: 'listing-code' }, [element('span', { className: 'muted', text: 'calls ' }), name]),
      ]);
    });
    for (const row of calls) row.hidden = true;
    const toggle = element('button', { className: 'listing-toggle', text: '▸', attrs: { type: 'button', 'aria-expanded': 'false', 'aria-label': `Calls on line ${line.line}`, 'data-testid': 'source-calls-toggle' } });
    toggle.addEventListener('click', (e) => {
      e.stopPropagation();
      const open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(open));
      toggle.textContent = open ? '▾' : '▸';
      for (const row of calls) row.hidden = !open;
    });
    code.prepend(toggle);
    return [tr, ...calls];
  }
}

export const sourceViewModule: ProfileViewModule = {
  id: 'source',
  title: 'Source',
  create: (container, context) => new SourceViewInstance(container, context, HINT, 'source-view'),
};
