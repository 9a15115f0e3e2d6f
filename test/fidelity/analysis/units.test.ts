/** Value and percentage formatting against the real `go tool pprof` (Go's fmt: test/go/shared/go-format.test.ts). */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { topTable } from '../../../src/analysis/top';
import { formatTopText } from '../../../src/analysis/top-text';
import { formatPercent, formatValue } from '../../../src/shared/units';
import { goPprofRaw } from '../../support/go-pprof';
import { buildProfile, encodeProfile } from '../../support/profile-builder';

const VALUE_SETS: { unit: string; values: number[] }[] = [
  { unit: 'nanoseconds', values: [1, 999, 1000, 1500, 1_125_000_000, 59_999_999_999, 7_200_000_000_000, 7_205_000_000_000, 10_000_000] },
  { unit: 'bytes', values: [1, 1023, 1024, 1536, 1_048_575, 3 * 2 ** 30, 5 * 2 ** 40, 1152] },
  { unit: 'count', values: [1, 7, 123_456, 100, 2_500_001] },
];

describe('formatting', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'units-test-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const { unit, values } of VALUE_SETS) {
    it(`formatValue and formatPercent print ${unit} as go tool pprof does`, async () => {
      const profile = buildProfile({
        sampleTypes: [['v', unit]],
        samples: values.map((v, i) => ({ stack: [`f${i}`], values: [v] })),
      });
      const path = join(dir, `${unit}.pb`);
      writeFileSync(path, encodeProfile(profile));
      const total = values.reduce((a, b) => a + b, 0);
      const auto = await goPprofRaw(path, ['-top', '-unit=auto', '-nodefraction=0']);
      for (const [i, v] of values.entries()) {
        const row = auto.split('\n').find((l) => l.endsWith(`  f${i}`));
        assert.ok(row, `pprof printed f${i}`);
        const [flat, flatPct] = row.trim().split(/\s+/);
        assert.equal(formatValue(v, unit), flat, `value ${v} ${unit}`);
        assert.equal(formatPercent(v, total).trim(), flatPct, `percent of ${v}`);
      }
      // The default report picks one unit for every row.
      const text = formatTopText(topTable(profile, {}), { nodeFraction: 0 });
      assert.equal(text, await goPprofRaw(path, ['-top', '-nodefraction=0']));
    });
  }
});
