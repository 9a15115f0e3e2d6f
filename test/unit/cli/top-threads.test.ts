// go-profiler top's two-thread path in process, when the helper thread cannot do its share: the
// main thread reads that share itself, says so on stderr, and neither the numbers nor the
// error a bad profile ends in change. (The CLI tests run the real two threads.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { topTotalsInTwoThreads } from '../../../src/cli/top-threads';
import { ProfileError } from '../../../src/pprof/errors';
import { readProfileBytes, readProfileFile } from '../../../src/pprof/read-file-node';
import { topTable, topTableOfTotals, type TopTable } from '../../../src/analysis/top';
import { OptionError } from '../../../src/shared/option-error';
import { repoRoot } from '../../support/go-fixtures';
import { encodeWithProtobufjs } from '../../support/protobuf-reference';

const large = join(repoRoot, 'test', 'fixtures', 'profiles', 'large.cpu.pb.gz');

function rows(table: TopTable): unknown[] {
  return [table.total, table.rows.map((r) => [r.name, r.flat, r.cum])];
}

/** Runs `body` with stderr captured; returns what was written and what body returned or threw. */
async function withStderr<T>(body: () => Promise<T>): Promise<{ notes: string[]; result?: T; error?: unknown }> {
  const notes: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => {
    notes.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    return { notes, result: await body() };
  } catch (error) {
    return { notes, error };
  } finally {
    process.stderr.write = write;
  }
}

test('a helper thread that fails to start (asynchronously or at once): its share is read here, with a note', async () => {
  const expected = rows(topTable(await readProfileFile(large), {}));
  const bytes = await readProfileBytes(large);
  for (const script of [join(repoRoot, 'no-such-helper.js'), 'not-a-path.js']) {
    const { notes, result, error } = await withStderr(() => topTotalsInTwoThreads(bytes, large, {}, script));
    assert.equal(error, undefined);
    assert.equal(notes.length, 1, script);
    assert.match(notes[0]!, /helper thread failed .*read all of .*large\.cpu\.pb\.gz in one thread/);
    assert.deepEqual(rows(topTableOfTotals(result!.totals)), expected);
  }
});

test('a failed helper does not change which error is reported: a bad sample in its share before a bad option', async () => {
  const bytes = encodeWithProtobufjs({
    stringTable: ['', 'alloc_space', 'bytes', 'main.f', 'f.go'],
    sampleType: [{ type: 1, unit: 2 }],
    function: [{ id: 1, name: 3, systemName: 3, filename: 4, startLine: 1 }],
    location: [{ id: 1, line: [{ functionId: 1, line: 10 }] }],
    sample: Array.from({ length: 20 }, (_, i) => ({ locationId: [i === 17 ? 99 : 1], value: [i + 1] })),
  } as never);
  const missing = join(repoRoot, 'no-such-helper.js');
  const bad = await withStderr(() => topTotalsInTwoThreads(bytes, 'bad.pb', { sampleIndex: 'nope' }, missing));
  assert.ok(bad.error instanceof ProfileError, String(bad.error));
  assert.match(bad.error.message, /sample #17 refers to location id 99/);
  assert.deepEqual(bad.notes, [], 'no note when the input is bad: its error is the one line');
  const good = encodeWithProtobufjs({
    stringTable: ['', 'alloc_space', 'bytes', 'main.f', 'f.go'],
    sampleType: [{ type: 1, unit: 2 }],
    function: [{ id: 1, name: 3, systemName: 3, filename: 4, startLine: 1 }],
    location: [{ id: 1, line: [{ functionId: 1, line: 10 }] }],
    sample: Array.from({ length: 20 }, (_, i) => ({ locationId: [1], value: [i + 1] })),
  } as never);
  const option = await withStderr(() => topTotalsInTwoThreads(good, 'good.pb', { sampleIndex: 'nope' }, missing));
  assert.ok(option.error instanceof OptionError, String(option.error));
  assert.match(option.error.message, /nope/);
  assert.deepEqual(option.notes, []);
});
