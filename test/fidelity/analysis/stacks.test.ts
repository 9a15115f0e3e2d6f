/** buildStacks: structure on hand-built profiles, and sample-type selection against go tool pprof. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { OptionError } from '../../../src/shared/option-error';
import { selectSampleType } from '../../../src/analysis/sample-type';
import { buildStacks, type Stacks } from '../../../src/analysis/stacks';
import { topTable } from '../../../src/analysis/top';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import { ensureGoFixtures } from '../../support/go-fixtures';
import { goPprofRaw } from '../../support/go-pprof';
import { buildProfile, encodeProfile } from '../../support/profile-builder';
import { formatTopText } from '../../../src/analysis/top-text';

function stackNames(s: Stacks, i: number): string[] {
  return [...s.stackFrames.subarray(s.stackStart[i]!, s.stackStart[i + 1]!)].map((f) => s.frames[f]!.name);
}

const inlined = buildProfile({
  sampleTypes: [['samples', 'count'], ['cpu', 'nanoseconds']],
  samples: [
    { stack: [['main.inner a.go:5', 'main.outer a.go:10'], 'main.main a.go:20'], values: [1, 10] },
    { stack: [['main.inner a.go:6', 'main.outer a.go:11'], 'main.main a.go:20'], values: [2, 20] },
    { stack: ['main.rec r.go:1', 'main.rec r.go:2', 'main.rec r.go:2', 'main.main a.go:21'], values: [3, 30] },
    { stack: ['main.zero z.go:1'], values: [0, 0] },
  ],
});

describe('buildStacks', () => {
  it('expands inlined frames leaf first and marks them', () => {
    const s = buildStacks(inlined, { granularity: 'lines' }, { mergeStacks: false });
    assert.deepEqual(stackNames(s, 0), ['main.inner a.go:5', 'main.outer a.go:10', 'main.main a.go:20']);
    assert.deepEqual([...s.stackInlined.subarray(s.stackStart[0]!, s.stackStart[1]!)], [1, 0, 0]);
    const inner = s.frames.find((f) => f.functionName === 'main.inner')!;
    assert.equal(inner.inlined, true);
    assert.equal(inner.file, 'a.go');
    assert.equal(inner.line, 5);
  });

  it('with noInlines attributes inlined lines to their caller', () => {
    const s = buildStacks(inlined, { noInlines: true });
    assert.deepEqual(stackNames(s, 0), ['main.outer', 'main.main']);
    assert.ok(!s.frames.some((f) => f.functionName === 'main.inner'));
  });

  it('merges identical stacks at the chosen granularity, keeping the first sample index', () => {
    const merged = buildStacks(inlined, { sampleIndex: 'cpu' });
    assert.equal(merged.count, 2, 'two distinct function stacks; the zero sample is left out');
    assert.deepEqual([...merged.values], [30, 30]);
    assert.deepEqual([...merged.sampleIndexes], [0, 2]);
    const separate = buildStacks(inlined, { sampleIndex: 'cpu' }, { mergeStacks: false });
    assert.equal(separate.count, 3);
    assert.deepEqual([...separate.sampleIndexes], [0, 1, 2]);
    const lines = buildStacks(inlined, { sampleIndex: 'cpu', granularity: 'lines' });
    assert.equal(lines.count, 3, 'different lines stay apart at lines granularity');
  });

  it('counts a recursive frame once in cum and the total over every sample', () => {
    const t = topTable(inlined, { sampleIndex: 'samples' });
    const rec = t.rows.find((r) => r.name === 'main.rec')!;
    assert.equal(rec.flat, 3);
    assert.equal(rec.cum, 3);
    assert.equal(t.total, 6);
  });

  it('names nodes per granularity like pprof', () => {
    const names = (g: 'files' | 'filefunctions') => buildStacks(inlined, { granularity: g }).frames.map((f) => f.name).sort();
    assert.deepEqual(names('filefunctions'), ['main.inner a.go', 'main.main a.go', 'main.outer a.go', 'main.rec r.go']);
    const files = buildStacks(inlined, { granularity: 'files' });
    assert.ok(files.frames.every((f) => f.functionName === '' && (f.name === 'a.go' || f.name === 'r.go')));
  });
});

describe('an empty profile', () => {
  it('gives an empty table with total 0, printed as go tool pprof prints it', async () => {
    const profile = buildProfile({ sampleTypes: [['samples', 'count'], ['cpu', 'nanoseconds']], samples: [] });
    const table = topTable(profile, {});
    assert.equal(table.total, 0);
    assert.equal(table.rows.length, 0);
    const dir = mkdtempSync(join(tmpdir(), 'empty-profile-'));
    try {
      const path = join(dir, 'empty.pb');
      writeFileSync(path, encodeProfile(profile));
      assert.equal(formatTopText(table), await goPprofRaw(path, ['-top']));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without sample types is refused like pprof does', () => {
    const profile = buildProfile({ sampleTypes: [], samples: [] });
    assert.throws(() => buildStacks(profile, {}), /profile has no samples/);
  });
});

describe('sample type selection matches go tool pprof', () => {
  it('by name, legacy inuse_ alias, index and default; bad names and indexes fail with pprof\'s message', async () => {
    const { allocs, cpu } = await ensureGoFixtures();
    const profile = await readProfileFile(allocs);
    for (const name of ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space']) {
      const i = selectSampleType(profile, name);
      assert.equal(profile.sampleTypes[i]!.type, name);
      assert.equal(selectSampleType(profile, String(i)), i);
    }
    const header = await goPprofRaw(allocs, ['-top']);
    const typeLine = header.split('\n').find((l) => l.startsWith('Type: '));
    assert.equal(typeLine, `Type: ${profile.sampleTypes[selectSampleType(profile, undefined)]!.type}`);

    const spaceOnly = buildProfile({ sampleTypes: [['objects', 'count'], ['space', 'bytes']], samples: [] });
    assert.equal(selectSampleType(spaceOnly, 'inuse_objects'), 0);

    const cpuProfile = await readProfileFile(cpu);
    for (const bad of ['bogus', '9', 'inuse_space']) {
      let ours = '';
      try {
        selectSampleType(bad === 'inuse_space' ? cpuProfile : profile, bad);
      } catch (e) {
        assert.ok(e instanceof OptionError);
        ours = e.message;
      }
      assert.notEqual(ours, '', `${bad} is refused`);
      const file = bad === 'inuse_space' ? cpu : allocs;
      await assert.rejects(goPprofRaw(file, ['-top', `-sample_index=${bad}`]), (e: Error) => e.message.includes(ours));
    }
  });
});
