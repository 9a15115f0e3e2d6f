/** Sorting the top table: click a header to sort by it, click again to reverse. */
import type { TopRow } from '../../src/shared/top-view';

export type TopColumn = 'flat' | 'flat%' | 'sum%' | 'cum' | 'cum%' | 'name' | 'base' | 'current' | 'delta%';

export interface SortState {
  /** 'default' keeps pprof's order. */
  readonly col: TopColumn | 'default';
  readonly descending: boolean;
}

export function nextSort(current: SortState, col: TopColumn): SortState {
  if (current.col === col) return { col, descending: !current.descending };
  // Numbers start biggest first, names A to Z.
  return { col, descending: col !== 'name' };
}

function key(row: TopRow, col: TopColumn, index: number): number | string {
  switch (col) {
    case 'flat':
    case 'flat%':
    case 'delta%':
      return row.flat;
    case 'cum':
    case 'cum%':
      return row.cum;
    case 'sum%':
      return -index;
    case 'base':
      return row.diff?.base ?? 0;
    case 'current':
      return row.diff?.current ?? 0;
    case 'name':
      return row.name;
  }
}

/** Ties keep pprof's order, whichever direction. */
export function compareRows(a: TopRow, b: TopRow, ia: number, ib: number, sort: SortState): number {
  if (sort.col === 'default') return ia - ib;
  const ka = key(a, sort.col, ia);
  const kb = key(b, sort.col, ib);
  const order = ka < kb ? -1 : ka > kb ? 1 : 0;
  return (sort.descending ? -order : order) || ia - ib;
}
