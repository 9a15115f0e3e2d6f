// The provenance table of test/fixtures/external (README.md) stays complete without the upstream
// repositories: one row per file, sizes equal, an origin in every row. The git checks of each
// row need the repositories and live in scripts/corpus/verify-provenance.ts.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { offlineFailures } from '../../../scripts/corpus/offline';
import { blobId, parseCorpusTable, readCorpusTable } from '../../../scripts/corpus/table';

test('every file of the external corpus has one row with its size and a recorded origin', () => {
  assert.deepEqual(offlineFailures(readCorpusTable()), []);
});

const header = ['| Folder | Repository | Licence |', '|---|---|---|', '| `a` | o/a | MIT |', '', '| File | Size | Origin path | Commit |', '|---|---|---|---|'];

test('the offline check names files without a row, wrong sizes, missing origins and unknown folders', () => {
  const root = mkdtempSync(join(tmpdir(), 'corpus-'));
  try {
    mkdirSync(join(root, 'a'));
    writeFileSync(join(root, 'a', 'one.pb'), 'abc');
    writeFileSync(join(root, 'a', 'two.pb'), 'abcd');
    writeFileSync(join(root, 'a', 'three.pb'), '');
    const table = parseCorpusTable(
      [...header, '| `a/one.pb` | 4 | `x/one.pb` | `0123456789ab` |', '| `a/two.pb` | 4 | (see naming above) | unrecorded |', '| `b/four.pb` | 1 | `y` | `0123456789ab` |'].join('\n'),
    );
    assert.deepEqual(offlineFailures(table, root).sort(), [
      'a/one.pb: README says 4 bytes, the file has 3',
      'a/three.pb: no row in the README table',
      'a/two.pb: no origin recorded (README.md:8)',
      'b/four.pb: folder "b" is not in the repository table',
      'b/four.pb: listed at README.md:9 but no such file',
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a row reads as a recorded origin, an origin not found, or an error naming its line', () => {
  const table = parseCorpusTable(
    [...header, '| `a/one.pb` | 3 | `x/testdata/one.pb` | `0123456789ab` |', '| `a/two.pb` | 4 | bytes not found in history at o/a@0123456789ab; origin unknown | — |'].join('\n'),
  );
  assert.deepEqual(table.repos, new Map([['a', 'o/a']]));
  assert.deepEqual(
    table.rows.map((r) => r.origin),
    [
      { kind: 'recorded', path: 'x/testdata/one.pb', commit: '0123456789ab' },
      { kind: 'unknown', note: 'bytes not found in history at o/a@0123456789ab; origin unknown' },
    ],
  );
  assert.throws(() => parseCorpusTable([...header, '| `a/one.pb` | 3 | `x/one.pb` | `0123abc` |'].join('\n')), /README\.md:7: commit "0123abc" of a\/one\.pb is not 12 hex digits/);
});

test('blob ids are the ones git hash-object prints', () => {
  // Well-known ids: the empty blob and "hello\n".
  assert.equal(blobId(new Uint8Array()), 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
  assert.equal(blobId(new TextEncoder().encode('hello\n')), 'ce013625030ba8dba906f756967f9e9ca394464a');
});
