/**
 * The "Disassembly" tab (pprof's disasm/weblist assembly): the selected function's
 * instructions from `go tool objdump` with the flat/cum `go tool pprof -disasm` gives each,
 * grouped under the source line they come from; a click on an instruction or a line opens that
 * source line. Without a known binary: a message and "Choose Binary…".
 */
import type { PeekParams } from '../../src/shared/peek-view';
import type { DisasmRoutineView, DisasmRowView, DisasmView } from '../../src/shared/source-view';
import { formatPercent, formatValue } from '../../src/shared/units';
import { element } from '../dom';
import { costText, FunctionPane, heat } from './function-pane';
import type { ProfileViewModule } from './view-module';

const HINT = 'Select a function in any view (or right-click it and choose Show Disassembly) to see its instructions with their flat and cum.';

class DisasmViewInstance extends FunctionPane<DisasmView> {
  protected fetch(params: PeekParams): Promise<DisasmView> {
    return this.context.rpc.request('disasm', params);
  }

  protected render(view: DisasmView, params: PeekParams): void {
    const title = element('h2', { className: 'source-title', text: params.name, attrs: { 'data-testid': 'disasm-name' } });
    if (view.kind !== 'listing') {
      const choose = element('button', { text: 'Choose Binary…', attrs: { type: 'button', 'data-testid': 'choose-binary' } });
      choose.addEventListener('click', () => {
        this.context.rpc.request('chooseBinary', params).then(
          (next) => this.render(next, params),
          (error: unknown) => this.showError(error),
        );
      });
      const text = element('p', { className: view.kind === 'failed' ? 'error-message' : 'muted', text: view.message, attrs: { 'data-testid': 'disasm-message' } });
      this.body.replaceChildren(title, text, choose);
      return;
    }
    const value = (v: number): string => formatValue(v, view.unit, 'minimum');
    const binary = element('p', { className: 'muted', text: `From ${view.binary}`, attrs: { 'data-testid': 'disasm-binary' } });
    this.body.replaceChildren(title, binary, ...view.routines.map((r) => this.routine(r, view.total, value)));
  }

  private routine(r: DisasmRoutineView, total: number, value: (v: number) => string): HTMLElement {
    const head = element('div', { className: 'listing-head' }, [
      element('span', { className: 'listing-file', text: r.name }),
      element('span', { className: 'muted', text: ` ${value(r.flat)} flat, ${value(r.cum)} cum (${formatPercent(r.cum, total).trim()} of total)` }),
    ]);
    const body = element('tbody');
    let previous = '';
    for (const row of r.rows) {
      const here = `${row.file}:${row.line}`;
      if (here !== previous && row.line !== 0) body.append(this.sourceRow(row, r.name));
      previous = here;
      body.append(this.instruction(row, r, value));
    }
    return element('section', { className: 'listing', attrs: { 'data-testid': 'disasm-routine', 'data-name': r.name } }, [
      head,
      element('table', { className: 'listing-table' }, [
        element('thead', {}, [element('tr', {}, ['flat', 'cum', 'address', 'instruction'].map((t) => element('th', { text: t })))]),
        body,
      ]),
    ]);
  }

  /** The source line a run of instructions comes from (its text when the file was found). */
  private sourceRow(row: DisasmRowView, name: string): HTMLElement {
    const where = `${row.file.slice(row.file.lastIndexOf('/') + 1)}:${row.line}`;
    const tr = element('tr', { className: 'disasm-source', attrs: { 'data-testid': 'disasm-source', 'data-line': String(row.line), tabindex: '0' } }, [
      element('td', { attrs: { colspan: '3' }, className: 'listing-lineno', text: where }),
      element('td', { className: 'listing-code' }, [element('span', { text: row.source ?? '' })]),
    ]);
    this.opens(tr, row.file, row.line, name);
    return tr;
  }

  private instruction(row: DisasmRowView, r: DisasmRoutineView, value: (v: number) => string): HTMLElement {
    const attrs = { 'data-testid': 'disasm-row', 'data-address': row.address, 'data-file': row.file, 'data-line': String(row.line), 'data-flat': String(row.flat), 'data-cum': String(row.cum), 'data-heat': heat(row.cum, r.cum), tabindex: '0' };
    const tr = element('tr', { className: 'listing-row', attrs }, [
      element('td', { className: 'num', text: costText(row.flat, value) }),
      element('td', { className: 'num', text: costText(row.cum, value) }),
      element('td', { className: 'num listing-lineno', text: row.address }),
      element('td', { className: 'listing-code' }, [element('span', { text: row.text })]),
    ]);
    this.opens(tr, row.file, row.line, r.name);
    return tr;
  }

  private opens(tr: HTMLElement, file: string, line: number, name: string): void {
    if (file === '') return;
    const open = (): void => this.context.openSource(file, line, name);
    tr.addEventListener('click', open);
    tr.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') open();
    });
  }
}

export const disasmViewModule: ProfileViewModule = {
  id: 'disasm',
  title: 'Disassembly',
  create: (container, context) => new DisasmViewInstance(container, context, HINT, 'disasm-view'),
};
