/** The top table: flat, flat%, sum%, cum, cum%, name, as `go tool pprof -top` prints it. */
import type { TopRow, TopView } from '../../src/shared/view-model';
import { clear, element } from '../dom';
import type { ProfileViewModule } from './view-module';

const columns = [
  { col: 'flat', label: 'flat', cell: (r: TopRow) => r.flatText },
  { col: 'flat%', label: 'flat%', cell: (r: TopRow) => r.flatPercent },
  { col: 'sum%', label: 'sum%', cell: (r: TopRow) => r.sumPercent },
  { col: 'cum', label: 'cum', cell: (r: TopRow) => r.cumText },
  { col: 'cum%', label: 'cum%', cell: (r: TopRow) => r.cumPercent },
  { col: 'name', label: 'name', cell: (r: TopRow) => r.name },
] as const;

export const topViewModule: ProfileViewModule = {
  id: 'top',
  title: 'Top',
  async render(container, sampleIndex, context) {
    const view = await context.rpc.request('top', { sampleIndex });
    if (!context.isCurrent()) return;
    context.showTotal(view.totalText);
    clear(container);
    container.append(view.rows.length === 0 ? emptyState(view) : topTable(view));
  },
};

function emptyState(view: TopView): HTMLElement {
  const kind = `${view.sampleType.type}/${view.sampleType.unit}`;
  return element('div', { className: 'empty-state', attrs: { 'data-testid': 'empty-state' } }, [
    element('p', { className: 'empty-title', text: 'Nothing to show' }),
    element('p', { text: `This profile has no samples with a value for ${kind}. Try another sample type, or capture the profile for longer.` }),
  ]);
}

function topTable(view: TopView): HTMLElement {
  const summary = `Showing ${view.rows.length} rows accounting for ${view.shownText}, ${view.shownPercent} of ${view.totalText} total`;
  const caption = element('caption', { text: view.omittedRows > 0 ? `${summary} (${view.omittedRows} smaller rows not shown)` : summary });
  const head = element('thead', {}, [
    element('tr', {}, columns.map((c) => element('th', { text: c.label, attrs: { 'data-col': c.col, scope: 'col' } }))),
  ]);
  const body = element('tbody');
  const rows = document.createDocumentFragment();
  for (const row of view.rows) {
    const tr = element('tr', { attrs: { 'data-testid': 'top-row', 'data-flat': String(row.flat), 'data-cum': String(row.cum) } });
    for (const c of columns) tr.append(element('td', { text: c.cell(row), attrs: { 'data-col': c.col } }));
    if (row.file) tr.title = row.line > 0 ? `${row.file}:${row.line}` : row.file;
    rows.append(tr);
  }
  body.append(rows);
  return element('table', { className: 'top-table', attrs: { 'data-testid': 'top-table' } }, [caption, head, body]);
}
