import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readProfileBytes } from '../../../src/pprof/read-file-node';
import { goroutineAnalysis, unknownTime, type GoroutineStats } from '../../../src/trace/goroutine-analysis';
import { readTrace } from '../../../src/trace/read';
import { makeTrace } from '../../support/go-trace';
import { goroutinesByGoTool, parseGoDuration, type OracleGoroutine } from '../../support/go-trace-goroutines';

/** Our value for one of go tool trace's columns, or undefined for a column we do not compute. */
function ours(g: GoroutineStats, column: string): number | undefined {
  if (column === 'Execution time') return g.exec;
  if (column === 'Sched wait time') return g.schedWait;
  if (column === 'Syscall execution time') return g.syscall;
  if (column === 'Unknown time') return unknownTime(g);
  if (column === 'Block time (syscall)') return g.syscallBlock + (g.blocked.get('syscall') ?? 0);
  const reason = /^Block time \((.*)\)$/.exec(column);
  if (reason) return g.blocked.get(reason[1]!) ?? 0;
  if (column === 'range: GC mark assist') return g.gcAssist;
  return undefined;
}

test('Go durations parse to exact nanoseconds', () => {
  assert.equal(parseGoDuration('4.4944ms'), 4_494_400);
  assert.equal(parseGoDuration('56.064µs'), 56_064);
  assert.equal(parseGoDuration('1m2.5s'), 62_500_000_000);
  assert.equal(parseGoDuration('0s'), 0);
  assert.equal(parseGoDuration('17ns'), 17);
  assert.throws(() => parseGoDuration('5 parsecs'), /not a Go duration/);
});

describe('goroutine analysis of a real trace, against go tool trace\'s Goroutines pages', () => {
  let dir: string;
  let stats: Map<number, GoroutineStats>;
  let oracle: OracleGoroutine[];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gp-trace-goroutines-'));
    const file = await makeTrace(dir);
    stats = new Map(goroutineAnalysis(readTrace(await readProfileBytes(file), file)).map((g) => [g.id, g]));
    oracle = await goroutinesByGoTool(file);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the same goroutines, each in the group of its start function', () => {
    assert.deepEqual([...stats.keys()].sort((a, b) => a - b), oracle.map((g) => g.id).sort((a, b) => a - b));
    for (const g of oracle) assert.equal(stats.get(g.id)!.name, g.group, `goroutine ${g.id}`);
    assert.ok(oracle.some((g) => g.group === 'main.locks.func1'));
  });

  test('every goroutine\'s total, execution, scheduler wait, block by reason, syscall, unknown and GC assist times, to the nanosecond', () => {
    let compared = 0;
    for (const want of oracle) {
      const g = stats.get(want.id)!;
      assert.equal(g.total, want.total, `goroutine ${want.id} total`);
      for (const [column, value] of want.columns) {
        const got = ours(g, column);
        if (got === undefined) continue;
        assert.equal(got, value, `goroutine ${want.id} (${want.group}) ${column}`);
        compared++;
      }
    }
    const blocked = oracle.flatMap((g) => [...g.columns].filter(([c, v]) => c.startsWith('Block time') && v > 0));
    assert.ok(blocked.length > 10, 'the workload blocks for several reasons');
    assert.ok(oracle.some((g) => (g.columns.get('range: GC mark assist') ?? 0) > 0), 'some goroutine assists the GC');
    assert.ok(compared > 100, `${compared} values compared`);
  });
});
