/** mergeForDiff (-base and -diff_base) against the real `go tool pprof`. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { mergeForDiff, type DiffMode } from '../../../src/analysis/diff';
import { OptionError } from '../../../src/shared/option-error';
import { buildStacks } from '../../../src/analysis/stacks';
import { topTable } from '../../../src/analysis/top';
import { formatTopText, profileHeader } from '../../../src/analysis/top-text';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import { committedProfiles, ensureGoFixtures } from '../../support/go-fixtures';
import { goPprofRaw, goPprofTop } from '../../support/go-pprof';
import { buildProfile, encodeProfile, type ProfileSpec } from '../../support/profile-builder';
import { assertSameTop } from './top-oracle';

process.env.TZ = 'UTC';

const MODES: readonly DiffMode[] = ['base', 'diff_base'];
const flagOf = (mode: DiffMode, base: string): { base?: string; diffBase?: string } =>
  mode === 'base' ? { base } : { diffBase: base };

async function checkPair(
  current: string,
  base: string,
  sampleIndexes: readonly (number | undefined)[],
  granularities: readonly ('functions' | 'lines')[] = ['functions', 'lines'],
): Promise<void> {
  const [pc, pb] = await Promise.all([readProfileFile(current), readProfileFile(base)]);
  for (const mode of MODES) {
    const merged = mergeForDiff(pc, pb, mode);
    for (const sampleIndex of sampleIndexes) {
      for (const granularity of granularities) {
        const opts = { sampleIndex, granularity };
        const theirs = await goPprofTop(current, { ...opts, ...flagOf(mode, base) });
        assertSameTop(topTable(merged, opts), theirs, `${current} -${mode} ${base} ${JSON.stringify(opts)}`);
      }
    }
  }
}

describe('diff matches go tool pprof -base / -diff_base', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'diff-fidelity-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('block against mutex (real Go profiles, both sample types), rows and text', async () => {
    const { block, mutex } = await ensureGoFixtures();
    await checkPair(block, mutex, [0, 1]);
    const merged = mergeForDiff(await readProfileFile(block), await readProfileFile(mutex), 'diff_base');
    const text = formatTopText(topTable(merged, {}), { header: profileHeader(merged) });
    assert.equal(text, await goPprofRaw(block, ['-top', `-diff_base=${mutex}`]));
  });

  // pprof needs seconds per run on the 240 s profile: one direction, functions only.
  it('a Go CPU profile against a profile of another binary (large.cpu)', async () => {
    const { cpu } = await ensureGoFixtures();
    const large = (await committedProfiles()).find((p) => p.name === 'large.cpu');
    assert.ok(large);
    await checkPair(cpu, large.path, [undefined], ['functions']);
  });

  it('partly cancelling samples, labels that keep samples apart, and a total from the base', async () => {
    const common: Omit<ProfileSpec, 'samples'> = { sampleTypes: [['alloc_space', 'bytes']], binary: '/bin/app' };
    const current = buildProfile({
      ...common,
      samples: [
        { stack: ['main.a a.go:1', 'main.main a.go:9'], values: [100] },
        { stack: ['main.b a.go:2', 'main.main a.go:9'], values: [40], labels: { req: 'x' } },
        { stack: ['main.c a.go:3', 'main.main a.go:9'], values: [7] },
      ],
    });
    const base = buildProfile({
      ...common,
      samples: [
        { stack: ['main.a a.go:1', 'main.main a.go:9'], values: [30] },
        { stack: ['main.b a.go:2', 'main.main a.go:9'], values: [40] },
        { stack: ['main.c a.go:3', 'main.main a.go:9'], values: [7] },
        { stack: ['main.d a.go:4', 'main.main a.go:9'], values: [500] },
      ],
    });
    const currentPath = join(dir, 'current.pb');
    const basePath = join(dir, 'base.pb');
    writeFileSync(currentPath, encodeProfile(current));
    writeFileSync(basePath, encodeProfile(base));
    for (const mode of MODES) {
      const merged = mergeForDiff(current, base, mode);
      for (const granularity of ['functions', 'lines'] as const) {
        const theirs = await goPprofTop(currentPath, { granularity, ...flagOf(mode, basePath) });
        assertSameTop(topTable(merged, { granularity }), theirs, `hand-built -${mode} ${granularity}`);
      }
    }
    // -diff_base keeps the two sides apart so views can show both values of a node.
    const stacks = buildStacks(mergeForDiff(current, base, 'diff_base'), {});
    const side = stacks.diffBase;
    assert.ok(side, 'diff_base stacks are marked');
    let baseSum = 0;
    let currentSum = 0;
    for (let i = 0; i < stacks.count; i++) {
      if (side[i]) baseSum += stacks.values[i]!;
      else currentSum += stacks.values[i]!;
    }
    assert.equal(baseSum, -(30 + 40 + 7 + 500));
    assert.equal(currentSum, 100 + 40 + 7);
    assert.equal(stacks.total, -baseSum);
    assert.equal(buildStacks(mergeForDiff(current, base, 'base'), {}).diffBase, undefined);
  });

  it('refuses profiles of different sample types with an OptionError', async () => {
    const { cpu, heap } = await ensureGoFixtures();
    const [a, b] = await Promise.all([readProfileFile(cpu), readProfileFile(heap)]);
    assert.throws(() => mergeForDiff(a, b, 'base'), (e: unknown) => e instanceof OptionError && /incompatible/.test(e.message));
  });
});
