// src/benchstat against the real benchstat on the same benchmark output: the same medians,
// intervals, deltas, p values, "~" verdicts and geomeans (real Go builds benchstat once).
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseBenchOutput, shortBenchName } from '../../../src/benchstat/bench-output';
import { compareBenchmarks, deltaText, pText, type UnitTable } from '../../../src/benchstat/compare';
import { rangeText } from '../../../src/benchstat/median-ci';
import { benchstatCsv } from '../../support/benchstat-tool';
import { seededRandom as random } from '../../support/profile-mutations';

interface Case {
  readonly name: string;
  readonly n: readonly [number, number];
  /** ns/op of one run: base or head, run index. */
  readonly ns: (head: boolean, rnd: () => number) => number;
  readonly bytes?: (head: boolean, rnd: () => number) => number;
}

const CASES: readonly Case[] = [
  { name: 'ThreeTimesSlower', n: [6, 6], ns: (h, r) => Math.round((h ? 3000 : 1000) * (1 + 0.05 * r())) },
  { name: 'Unchanged', n: [6, 6], ns: (_h, r) => Math.round(500 * (1 + 0.05 * r())) },
  { name: 'SmallShift', n: [10, 10], ns: (h, r) => Math.round((h ? 1030 : 1000) + 40 * r()) },
  // Few distinct values: ties inside and across the samples.
  { name: 'Ties', n: [6, 6], ns: (h, r) => (h ? 101 : 100) + Math.floor(3 * r()), bytes: (h) => (h ? 96 : 64) },
  { name: 'Uneven', n: [5, 7], ns: (h, r) => Math.round((h ? 900 : 1000) * (1 + 0.1 * r())) },
  { name: 'TooFew', n: [3, 3], ns: (h, r) => Math.round((h ? 2000 : 1000) * (1 + 0.01 * r())) },
  { name: 'Faster', n: [8, 8], ns: (h, r) => (h ? 12.5 : 20) + r() },
];

function output(head: boolean, seed: number): string {
  const rnd = random(seed);
  const lines = ['goos: linux', 'goarch: amd64', 'pkg: example.com/oracle'];
  const max = Math.max(...CASES.map((c) => c.n[head ? 1 : 0]));
  // Interleaved like -count N output of several benchmarks.
  for (let i = 0; i < max; i++) {
    for (const c of CASES) {
      if (i >= c.n[head ? 1 : 0]) continue;
      const ns = c.ns(head, rnd);
      const bytes = c.bytes ? c.bytes(head, rnd) : 0;
      lines.push(`Benchmark${c.name}-2   \t 100000\t ${ns} ns/op\t ${bytes} B/op\t ${bytes ? 1 : 0} allocs/op`);
    }
  }
  return lines.join('\n') + '\nPASS\nok  \texample.com/oracle\t1.234s\n';
}

function closeTo(actual: number | undefined, expected: string, what: string): void {
  if (expected === '') {
    assert.equal(actual, undefined, `${what}: benchstat shows none`);
    return;
  }
  const want = Number(expected);
  assert.ok(actual !== undefined && Math.abs(actual - want) <= 1e-12 * Math.abs(want), `${what}: ${actual} vs benchstat ${expected}`);
}

function check(ours: readonly UnitTable[], theirs: Map<string, Awaited<ReturnType<typeof benchstatCsv>> extends Map<string, infer R> ? R : never>): number {
  assert.deepEqual(ours.map((t) => t.unit), [...theirs.keys()]);
  let significant = 0;
  for (const table of ours) {
    const rows = theirs.get(table.unit)!;
    for (const row of table.rows) {
      const want = rows.find((r) => r.name === `${shortBenchName(row.name)}-2`);
      assert.ok(want, `${row.name} in benchstat's ${table.unit} table`);
      const what = `${table.unit} ${row.name}`;
      closeTo(row.base?.center, want.baseCenter, `${what} base median`);
      closeTo(row.head?.center, want.headCenter, `${what} head median`);
      assert.equal(rangeText(row.base!), want.baseCi, `${what} base ±`);
      assert.equal(rangeText(row.head!), want.headCi, `${what} head ±`);
      assert.equal(deltaText(row), want.delta, `${what} delta`);
      assert.equal(pText(row), want.p, `${what} p`);
      if (table.unit === 'sec/op' && row.significant) significant++;
    }
    const gm = rows.find((r) => r.name === 'geomean')!;
    closeTo(table.geomean.base, gm.baseCenter, `${table.unit} geomean base`);
    closeTo(table.geomean.head, gm.headCenter, `${table.unit} geomean head`);
    const ratio = table.geomean.ratio;
    const ratioText = ratio === undefined ? '?' : `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(2)}%`;
    assert.equal(ratioText, gm.delta, `${table.unit} geomean delta`);
  }
  return significant;
}

describe('src/benchstat against benchstat (real Go)', () => {
  it('gives the same medians, ±, deltas, p values, "~" and geomeans on several seeds', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench17-oracle-'));
    try {
      let significantSeen = 0;
      let notSignificantSeen = 0;
      for (const seed of [1, 2, 3, 17, 42]) {
        const base = output(false, seed);
        const head = output(true, seed * 7919);
        const oldFile = join(dir, `old-${seed}.txt`);
        const newFile = join(dir, `new-${seed}.txt`);
        await writeFile(oldFile, base);
        await writeFile(newFile, head);
        const ours = compareBenchmarks(parseBenchOutput(base), parseBenchOutput(head));
        const significant = check(ours, await benchstatCsv(oldFile, newFile));
        significantSeen += significant;
        notSignificantSeen += CASES.length - significant;
      }
      // The cases cover both verdicts (ThreeTimesSlower is always significant, Unchanged rarely).
      assert.ok(significantSeen >= 5 && notSignificantSeen >= 5, `${significantSeen} significant, ${notSignificantSeen} not`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
