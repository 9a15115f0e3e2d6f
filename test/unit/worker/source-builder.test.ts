/**
 * The Source tab's numbers on hand-made profiles: the routine and line costs of pprof's list,
 * each line's calls (a sample counted once per line and callee, inlined callees included), and
 * a function without a file.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildProfile } from '../../support/profile-builder';
import { buildSourceListing } from '../../../src/worker/source-builder';

const profile = buildProfile({
  sampleTypes: [['cpu', 'nanoseconds']],
  samples: [
    { stack: ['main.step /src/a.go:5', 'main.burn /src/a.go:12', 'main.main /src/a.go:30'], values: [30] },
    { stack: ['main.burn /src/a.go:11', 'main.main /src/a.go:30'], values: [50] },
    // step inlined into burn at line 12, then helper called from the inlined step.
    { stack: ['main.helper /src/b.go:3', ['main.step /src/a.go:6', 'main.burn /src/a.go:12'], 'main.main /src/a.go:30'], values: [7] },
    // Recursion: burn calls burn on line 13; one sample counts once per line and callee.
    { stack: ['main.burn /src/a.go:11', 'main.burn /src/a.go:13', 'main.burn /src/a.go:13', 'main.main /src/a.go:30'], values: [4] },
    { stack: ['main.nofile', 'main.main /src/a.go:31'], values: [2] },
  ],
});


describe('Source tab numbers (worker)', () => {
  it('lists the routine with flat/cum per line and the calls of each line', () => {
    const listing = buildSourceListing(profile, { sampleIndex: 0, name: 'main.burn' });
    assert.equal(listing.total, 93);
    assert.equal(listing.noSource, false);
    assert.equal(listing.routines.length, 1);
    const r = listing.routines[0]!;
    assert.equal(r.file, '/src/a.go');
    assert.deepEqual(
      r.lines.map((l) => [l.line, l.flat, l.cum, l.callees.map((c) => `${c.name}=${c.cum}`)]),
      [
        [11, 54, 54, []],
        [12, 0, 37, ['main.step=37']],
        [13, 0, 4, ['main.burn=4']],
      ],
    );
  });

  it('an inlined callee lists its own calls; a selection at lines granularity names the function', () => {
    const listing = buildSourceListing(profile, { sampleIndex: 0, name: 'main.step /src/a.go:6', granularity: 'lines' });
    const lines = listing.routines[0]!.lines.map((l) => [l.line, l.flat, l.cum, l.callees.map((c) => `${c.name}=${c.cum}`)]);
    assert.deepEqual(lines, [
      [5, 30, 30, []],
      [6, 0, 7, ['main.helper=7']],
    ]);
  });

  it('a function without a file has no source; one without samples has no routines', () => {
    assert.equal(buildSourceListing(profile, { sampleIndex: 0, name: 'main.nofile' }).noSource, true);
    const none = buildSourceListing(profile, { sampleIndex: 0, name: 'main.absent' });
    assert.deepEqual([none.noSource, none.routines.length], [false, 0]);
  });

  it('the toolbar filters apply (focus keeps only samples through main.step)', () => {
    const listing = buildSourceListing(profile, { sampleIndex: 0, name: 'main.burn', focus: 'main\\.step' });
    assert.deepEqual(listing.routines[0]!.lines.map((l) => [l.line, l.cum]), [[12, 37]]);
  });
});
