/**
 * The Go Trace editor's tables: goroutine analysis per start function (click a row for its
 * goroutines), sortable by any time column; user tasks and logs. Text only through textContent.
 */
import type { TraceGoroutineRow, TraceViewModel } from '../../src/shared/trace-view';
import { formatValue } from '../../src/shared/units';
import { element } from '../dom';

type Column = { readonly key: keyof TraceGoroutineRow; readonly title: string };

const TIME_COLUMNS: readonly Column[] = [
  { key: 'total', title: 'Total' },
  { key: 'exec', title: 'Execution' },
  { key: 'schedWait', title: 'Scheduler wait' },
  { key: 'syncBlock', title: 'Sync block' },
  { key: 'netWait', title: 'Network wait' },
  { key: 'syscall', title: 'Syscall' },
  { key: 'otherBlock', title: 'Other block' },
  { key: 'gcAssist', title: 'GC assist' },
];

export const formatNs = (ns: number): string => formatValue(ns, 'nanoseconds');

/** A sortable table of goroutine rows; `first` is the name column's title and cell. */
function goroutineTable(rows: readonly TraceGoroutineRow[], first: { title: string; cell: (r: TraceGoroutineRow) => string }, onRow?: (r: TraceGoroutineRow) => void): HTMLTableElement {
  const table = element('table', { className: 'trace-table' });
  let sortKey: keyof TraceGoroutineRow = 'exec';
  const render = (): void => {
    const sorted = [...rows].sort((a, b) => (b[sortKey] as number) - (a[sortKey] as number) || a.name.localeCompare(b.name));
    const header = element('tr', {}, [
      element('th', { text: first.title }),
      element('th', { text: 'Goroutines' }),
      ...TIME_COLUMNS.map((c) => {
        const th = element('th', { text: c.title + (c.key === sortKey ? ' ▼' : ''), className: 'sortable', attrs: { 'data-key': c.key, tabindex: '0', 'aria-sort': c.key === sortKey ? 'descending' : 'none' } });
        const sort = (): void => {
          sortKey = c.key;
          render();
        };
        th.addEventListener('click', sort);
        th.addEventListener('keydown', (e) => {
          if (e.key === 'Enter') sort();
        });
        return th;
      }),
    ]);
    const body = sorted.map((r) => {
      const tr = element('tr', {}, [element('td', { text: first.cell(r), className: 'name' }), element('td', { text: String(r.count) }), ...TIME_COLUMNS.map((c) => element('td', { text: formatNs(r[c.key] as number) }))]);
      if (onRow) {
        tr.className = 'clickable';
        tr.addEventListener('click', () => onRow(r));
      }
      return tr;
    });
    table.replaceChildren(element('thead', {}, [header]), element('tbody', {}, body));
  };
  render();
  return table;
}

/** Per start function; a group's row lists its goroutines, and a goroutine's row calls `onGoroutine` (its own timeline). */
export function goroutineAnalysis(model: TraceViewModel, onGoroutine?: (id: number) => void): HTMLElement {
  const detail = element('div', { className: 'trace-group-detail' });
  const groups = goroutineTable(model.groups, { title: 'Start function', cell: (r) => r.name || '(unknown)' }, (group) => {
    const members = model.goroutines.filter((g) => g.name === group.name);
    detail.replaceChildren(
      element('h3', { text: `Goroutines of ${group.name || '(unknown)'}` }),
      goroutineTable(members, { title: 'Goroutine', cell: (r) => `G${r.id}` }, onGoroutine && ((r) => onGoroutine(r.id))),
    );
  });
  return element('section', { className: 'trace-analysis' }, [element('h2', { text: 'Goroutine analysis' }), groups, detail]);
}

/** Task latencies per task name: count, then the shortest, median, longest and total duration of the tasks that ended. */
function taskLatencies(model: TraceViewModel): HTMLTableElement {
  const byName = new Map<string, number[]>();
  for (const t of model.tasks) {
    if (t.end < 0) continue;
    let list = byName.get(t.name);
    if (list === undefined) byName.set(t.name, (list = []));
    list.push(t.end - t.start);
  }
  const rows = [...byName].sort((a, b) => a[0].localeCompare(b[0])).map(([name, durations]) => {
    durations.sort((a, b) => a - b);
    const total = durations.reduce((a, b) => a + b, 0);
    const median = durations[(durations.length - 1) >> 1]!;
    return element('tr', {}, [element('td', { text: name, className: 'name' }), ...[durations.length, durations[0]!, median, durations.at(-1)!, total].map((v, i) => element('td', { text: i === 0 ? String(v) : formatNs(v) }))]);
  });
  return element('table', { className: 'trace-table trace-task-latency' }, [
    element('thead', {}, [element('tr', {}, ['Task', 'Ended', 'Shortest', 'Median', 'Longest', 'Total'].map((t) => element('th', { text: t })))]),
    element('tbody', {}, rows),
  ]);
}

export function annotations(model: TraceViewModel): HTMLElement {
  const tasks = element('table', { className: 'trace-table' }, [
    element('thead', {}, [element('tr', {}, ['Task', 'ID', 'Start', 'Duration'].map((t) => element('th', { text: t })))]),
    element(
      'tbody',
      {},
      model.tasks.map((t) =>
        element('tr', {}, [element('td', { text: t.name, className: 'name' }), element('td', { text: String(t.id) }), element('td', { text: formatNs(t.start) }), element('td', { text: t.end < 0 ? 'not ended' : formatNs(t.end - t.start) })]),
      ),
    ),
  ]);
  const shown = model.logs.slice(0, 1000);
  const logs = element('table', { className: 'trace-table' }, [
    element('thead', {}, [element('tr', {}, ['Time', 'Goroutine', 'Category', 'Message'].map((t) => element('th', { text: t })))]),
    element('tbody', {}, shown.map((l) => element('tr', {}, [element('td', { text: formatNs(l.time) }), element('td', { text: `G${l.goroutine}` }), element('td', { text: l.category }), element('td', { text: l.message, className: 'name' })]))),
  ]);
  const more = model.logs.length > shown.length ? [element('p', { text: `${model.logs.length - shown.length} more logs not shown.` })] : [];
  return element('section', { className: 'trace-annotations' }, [element('h2', { text: `Task latency` }), taskLatencies(model), element('h2', { text: `User tasks (${model.tasks.length})` }), tasks, element('h2', { text: `Logs (${model.logs.length})` }), logs, ...more]);
}
