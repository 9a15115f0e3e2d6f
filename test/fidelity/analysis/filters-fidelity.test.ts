/**
 * focus / ignore / hide / show / show_from / tagfocus / tagignore and drop_frames against the
 * real `go tool pprof`, on real Go profiles and on hand-built profiles with inlined frames.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ReportOptions } from '../../../src/analysis/options';
import { OptionError } from '../../../src/shared/option-error';
import { buildStacks } from '../../../src/analysis/stacks';
import { topTable } from '../../../src/analysis/top';
import type { Profile } from '../../../src/pprof/profile';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import { ensureGoFixtures } from '../../support/go-fixtures';
import { goPprofTop } from '../../support/go-pprof';
import { buildProfile, encodeProfile } from '../../support/profile-builder';
import { assertSameTop } from './top-oracle';

async function check(profile: Profile, path: string, cases: readonly ReportOptions[], what: string): Promise<void> {
  for (const c of cases) {
    for (const granularity of ['functions', 'lines'] as const) {
      const opts = { ...c, granularity };
      assertSameTop(topTable(profile, opts), await goPprofTop(path, opts), `${what} ${JSON.stringify(opts)}`);
    }
  }
}

describe('filters match go tool pprof', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'filters-fidelity-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('name filters on a real CPU profile (with inlining, recursion and labels)', async () => {
    const { cpu } = await ensureGoFixtures();
    const profile = await readProfileFile(cpu);
    await check(
      profile,
      cpu,
      [
        { focus: 'burn' },
        { ignore: 'Medium|ping' },
        { hide: 'main\\.main$' },
        { show: 'burn|recurse' },
        { showFrom: 'main\\.main\\.func' },
        { focus: 'mediumStep', hide: 'runtime' },
        { focus: 'recurseDirect', ignore: 'pong', show: 'main\\.' },
        { focus: 'cpu/main\\.go' },
        { hide: '.*' },
        { noInlines: true, focus: 'burnMedium' },
        { focus: '(?i)BURN', ignore: 'main\\.[[:lower:]]+Small' },
      ],
      'cpu',
    );
  });

  it('tag filters on string labels (real CPU profile) and numeric labels (real allocs profile)', async () => {
    const { cpu, allocs } = await ensureGoFixtures();
    await check(
      await readProfileFile(cpu),
      cpu,
      [{ tagFocus: 'phase=hot' }, { tagIgnore: 'shape:loop' }, { tagFocus: 'loop,recursion' }, { tagFocus: 'phase=hot,small', tagIgnore: 'shape=inl' }],
      'cpu',
    );
    const profile = await readProfileFile(allocs);
    await check(
      profile,
      allocs,
      [
        { sampleIndex: 'alloc_space', tagFocus: 'bytes=256kb' },
        { sampleIndex: 'alloc_space', tagFocus: '1kb:' },
        { sampleIndex: 'alloc_objects', tagIgnore: ':64' },
        { sampleIndex: 'alloc_space', tagFocus: '100:200' },
      ],
      'allocs',
    );
  });

  it('hide, show, show_from and drop_frames on inlined frames of a hand-built profile', async () => {
    const profile = buildProfile({
      sampleTypes: [['samples', 'count'], ['cpu', 'nanoseconds']],
      binary: '/bin/app',
      dropFrames: 'main\\.dropme.*',
      samples: [
        { stack: [['main.inner a.go:5', 'main.outer a.go:10'], 'main.main a.go:20'], values: [1, 100], labels: { k: 'a' } },
        { stack: ['main.leaf b.go:3', ['main.inner a.go:6', 'main.outer a.go:11'], 'main.main a.go:21'], values: [2, 200] },
        { stack: ['main.dropmeToo c.go:1', 'main.work c.go:9', 'main.main a.go:22'], values: [3, 300] },
        { stack: ['main.x c.go:2', ['main.dropmeInl c.go:4', 'main.work c.go:10'], 'main.main a.go:23'], values: [4, 400] },
        { stack: ['main.dropme c.go:7'], values: [5, 500] },
        { stack: ['main.rec d.go:1', 'main.rec d.go:2', 'main.rec d.go:2', 'main.main a.go:24'], values: [6, 600] },
        { stack: ['', 'main.main a.go:25'], values: [7, 700] },
        { stack: ['main.inner a.go:7', 'main.main a.go:26'], values: [8, 800] },
        { stack: ['main.sandboxed /proc/self/cwd/./pkg//x/../y.go:3', 'main.main a.go:27'], values: [9, 900] },
      ],
    });
    const path = join(dir, 'inline.pb');
    writeFileSync(path, encodeProfile(profile));
    await check(
      profile,
      path,
      [
        {},
        { hide: 'inner' },
        { show: 'outer|main\\.main' },
        { showFrom: 'outer' },
        { focus: 'inner' },
        { ignore: 'outer' },
        { hide: '/bin/app' },
        { show: 'app' },
        { focus: 'rec', noInlines: true },
        { showFrom: 'main\\.main', hide: 'rec' },
      ],
      'hand-built',
    );
  });

  it('filters drop samples but the total stays that of all samples; hide keeps samples', () => {
    const profile = buildProfile({
      sampleTypes: [['samples', 'count']],
      samples: [
        { stack: ['a', 'main'], values: [10] },
        { stack: ['b', 'main'], values: [5] },
      ],
    });
    const focused = buildStacks(profile, { focus: '^a$' });
    assert.equal(focused.total, 15);
    assert.equal(focused.count, 1);
    const hidden = buildStacks(profile, { hide: '^main$' });
    assert.equal(hidden.count, 2);
    assert.deepEqual([...hidden.stackFrames].map((f) => hidden.frames[f]!.name).sort(), ['a', 'b']);
  });

  it('a bad regular expression is an OptionError naming the option', () => {
    const profile = buildProfile({ sampleTypes: [['samples', 'count']], samples: [{ stack: ['a'], values: [1] }] });
    assert.throws(() => buildStacks(profile, { focus: '(' }), (e: unknown) => e instanceof OptionError && /focus/.test(e.message));
  });
});
