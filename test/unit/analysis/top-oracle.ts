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

function rowText(r: { flat: number; cum: number; name: string; inline: boolean }): string {
  return `${r.flat} ${r.cum} ${r.name}${r.inline ? ' (inline)' : ''}`;
}

/** Every row equal (flat, cum, name, inline marker), in pprof's order; totals equal. */
export function assertSameTop(ours: TopTable, theirs: GoPprofTop, what: string, opts: CompareOptions = {}): void {
  assert.equal(ours.total, theirs.total, `${what}: total`);
  const mine = ours.rows.map((r) => ({
    flat: r.flat,
    cum: r.cum,
    name: r.inlineLabel === '(partial-inline)' ? `${r.name} (partial-inline)` : r.name,
    inline: r.inlineLabel === '(inline)',
  }));
  let a = mine.map(rowText);
  let b = theirs.rows.map(rowText);
  if (opts.equalNamesUnordered) {
    a = sortWithinTies(mine);
    b = sortWithinTies(theirs.rows);
  }
  assert.equal(a.length, b.length, `${what}: row count`);
  assert.deepEqual(a, b, `${what}: rows`);
}

/** Rows grouped in runs of equal |flat| and name, each run sorted, so only ties may move. */
function sortWithinTies(rows: readonly { flat: number; cum: number; name: string; inline: boolean }[]): string[] {
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
