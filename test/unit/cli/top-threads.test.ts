// go-profiler top's two-thread path in process: should the helper thread fail to start, the
// main thread reads the helper's share itself, says so on stderr, and the numbers do not change.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { topTotalsInTwoThreads } from '../../../src/cli/top-threads';
import { readProfileBytes, readProfileFile } from '../../../src/pprof/read-file-node';
import { topTable, topTableOfTotals, type TopTable } from '../../../src/analysis/top';
import { repoRoot } from '../../support/go-fixtures';

const large = join(repoRoot, 'test', 'fixtures', 'profiles', 'large.cpu.pb.gz');

function rows(table: TopTable): unknown[] {
  return [table.total, table.rows.map((r) => [r.name, r.flat, r.cum])];
}

test('a helper thread that cannot start: its share is read in the main thread, with a note', async () => {
  const notes: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => {
    notes.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  let read;
  try {
    read = await topTotalsInTwoThreads(await readProfileBytes(large), large, {}, join(repoRoot, 'no-such-helper.js'));
  } finally {
    process.stderr.write = write;
  }
  assert.equal(notes.length, 1);
  assert.match(notes[0]!, /helper thread failed .*reading all of .*large\.cpu\.pb\.gz in one thread/);
  assert.deepEqual(rows(topTableOfTotals(read.totals)), rows(topTable(await readProfileFile(large), {})));
});
