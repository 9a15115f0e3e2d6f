/** Shared assertions: our top table against the real `go tool pprof -top`. */
import assert from 'node:assert/strict';
import type { TopTable } from '../../../src/analysis/top';
import type { GoPprofTop } from '../../support/go-pprof';

export interface CompareOptions {
  /**
   * pprof orders rows whose printable names are equal but whose nodes differ (files
   * granularity: one node per function start line) at random; compare such runs as sets.
   */
  readonly equalNamesUnordered?: boolean;
}

interface Row {
  readonly flat: number;
  readonly cum: number;
  readonly name: string;
  readonly inlineLabel: string;
}

function rowText(r: Row): string {
  return `${r.flat} ${r.cum} ${r.name}${r.inlineLabel ? ` ${r.inlineLabel}` : ''}`;
}

/** Every row equal (flat, cum, name, inline marker), in pprof's order; totals equal. */
export function assertSameTop(ours: TopTable, theirs: GoPprofTop, what: string, opts: CompareOptions = {}): void {
  assert.equal(ours.total, theirs.total, `${what}: total`);
  let a = ours.rows.map(rowText);
  let b = theirs.rows.map(rowText);
  if (opts.equalNamesUnordered) {
    a = sortWithinTies(ours.rows);
    b = sortWithinTies(theirs.rows);
  }
  assert.equal(a.length, b.length, `${what}: row count`);
  assert.deepEqual(a, b, `${what}: rows`);
}

/** Rows grouped in runs of equal |flat| and name, each run sorted, so only ties may move. */
function sortWithinTies(rows: readonly Row[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < rows.length) {
    let j = i + 1;
    while (j < rows.length && Math.abs(rows[j]!.flat) === Math.abs(rows[i]!.flat) && rows[j]!.name === rows[i]!.name) j++;
    out.push(...rows.slice(i, j).map(rowText).sort());
    i = j;
  }
  return out;
}
