/**
 * topTable and formatTopText against the real `go tool pprof`, on every real fixture profile
 * and every sample type: every row, in order, with the same total.
 */
import assert from 'node:assert/strict';
import { describe, it, before } from 'node:test';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import type { Profile } from '../../../src/pprof/profile';
import type { Granularity } from '../../../src/analysis/options';
import { topTable } from '../../../src/analysis/top';
import { formatTopText, profileHeader } from '../../../src/analysis/top-text';
import { listFixtureProfiles } from '../../support/go-fixtures';
import { goPprofRaw, goPprofTop } from '../../support/go-pprof';
import { assertSameTop } from './top-oracle';

interface Loaded {
  readonly name: string;
  readonly path: string;
  readonly profile: Profile;
}

// Our header prints the profile time in UTC; make pprof (Go reads TZ) do the same.
process.env.TZ = 'UTC';

// The committed 240 s profile takes seconds per pprof run: only its default type is checked.
const BIG = new Set(['large.cpu']);

describe('top table matches go tool pprof -top', () => {
  let fixtures: Loaded[] = [];
  before(async () => {
    const list = await listFixtureProfiles();
    fixtures = await Promise.all(list.map(async (f) => ({ ...f, profile: await readProfileFile(f.path) })));
    assert.ok(fixtures.length >= 8, 'every fixture kind and the committed profile');
  });

  const sampleIndexes = (f: Loaded): number[] =>
    BIG.has(f.name) ? [f.profile.defaultSampleTypeIndex] : f.profile.sampleTypes.map((_, i) => i);

  for (const granularity of ['functions', 'lines'] as Granularity[]) {
    it(`every fixture and sample type at ${granularity} granularity`, async () => {
      for (const f of fixtures) {
        for (const sampleIndex of sampleIndexes(f)) {
          const opts = { sampleIndex, granularity };
          const ours = topTable(f.profile, opts);
          assert.ok(ours.rows.length > 0, `${f.name}: has rows`);
          assertSameTop(ours, await goPprofTop(f.path, opts), `${f.name} #${sampleIndex} ${granularity}`);
        }
      }
    });
  }

  it('filefunctions and files granularity, and noinlines, on every small fixture', async () => {
    for (const f of fixtures.filter((x) => !BIG.has(x.name))) {
      const sampleIndex = f.profile.defaultSampleTypeIndex;
      const cases = [
        { granularity: 'filefunctions' as const },
        { granularity: 'files' as const },
        { granularity: 'functions' as const, noInlines: true },
        { granularity: 'lines' as const, noInlines: true },
      ];
      for (const c of cases) {
        const opts = { sampleIndex, ...c };
        assertSameTop(topTable(f.profile, opts), await goPprofTop(f.path, opts), `${f.name} ${JSON.stringify(c)}`, {
          equalNamesUnordered: c.granularity === 'files',
        });
      }
    }
  });

  it('formatTopText prints exactly what go tool pprof -top prints', async () => {
    for (const f of fixtures) {
      for (const sampleIndex of sampleIndexes(f)) {
        const ours = formatTopText(topTable(f.profile, { sampleIndex }), { header: profileHeader(f.profile) });
        const theirs = await goPprofRaw(f.path, ['-top', `-sample_index=${sampleIndex}`]);
        assert.equal(ours, theirs, `${f.name} #${sampleIndex}`);
      }
    }
  });
});
