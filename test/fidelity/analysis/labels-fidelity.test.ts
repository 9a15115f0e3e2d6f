/**
 * Labels against the real `go tool pprof`: -tagroot / -tagleaf top tables, -tags reports, and
 * the labels model's "(none)" share (pprof's "<unknown>" root frame), on the fixture profiles the
 * Go runtime labelled (pprof.Do in the CPU program; the heap profiler's "bytes" label) and on a
 * hand-built profile with multi-valued, numeric and missing labels.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ReportOptions } from '../../../src/analysis/options';
import { buildLabels } from '../../../src/analysis/labels';
import { buildStackTrie } from '../../../src/analysis/stack-trie';
import { buildStacks } from '../../../src/analysis/stacks';
import { formatTagsText } from '../../../src/analysis/tags-text';
import { topTable } from '../../../src/analysis/top';
import type { Profile } from '../../../src/pprof/profile';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import { ensureGoFixtures, type GoFixtures } from '../../support/go-fixtures';
import { goPprofRaw, goPprofTop, pprofUnitFlag } from '../../support/go-pprof';
import { buildProfile, encodeProfile } from '../../support/profile-builder';
import { parseArgs } from '../../../src/cli/args';
import { runReport } from '../../../src/cli/reports';
import { assertSameTop } from './top-oracle';

async function sameTop(profile: Profile, path: string, cases: readonly ReportOptions[]): Promise<void> {
  for (const c of cases) assertSameTop(topTable(profile, c), await goPprofTop(path, c), `${path} ${JSON.stringify(c)}`);
}

/** pprof -tags with the same flags, both as pprof prints it and in the sample type's base unit (exact integers). */
async function sameTags(profile: Profile, path: string, options: ReportOptions, flags: readonly string[]): Promise<void> {
  const report = buildLabels(profile, options);
  assert.equal(formatTagsText(report), await goPprofRaw(path, ['-tags', ...flags]), `-tags ${flags.join(' ')}`);
  const unit = pprofUnitFlag(report.sampleType.unit);
  const exact = buildLabels(profile, options, unit);
  assert.equal(formatTagsText(exact), await goPprofRaw(path, ['-tags', `-unit=${unit}`, ...flags]), `-tags -unit=${unit} ${flags.join(' ')}`);
}

describe('labels match go tool pprof', () => {
  let fixtures: GoFixtures;
  let dir = '';
  before(async () => {
    fixtures = await ensureGoFixtures();
    dir = mkdtempSync(join(tmpdir(), 'labels-fidelity-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('-tagroot and -tagleaf on the CPU profile labelled with pprof.Do', async () => {
    const cpu = await readProfileFile(fixtures.cpu);
    await sameTop(cpu, fixtures.cpu, [
      { tagRoot: ['phase'] },
      { tagRoot: ['phase', 'shape'] },
      { tagLeaf: ['shape'] },
      { tagRoot: ['shape'], tagLeaf: ['phase'], granularity: 'filefunctions' },
      { tagRoot: ['phase'], tagFocus: 'phase=hot', granularity: 'lines' },
      { tagRoot: ['phase'], focus: 'hot|burnMedium' },
      { tagRoot: ['nosuchkey'] },
    ]);
  });

  it('the flame graph\'s roots are the label values, with the cum pprof gives those frames', async () => {
    const cpu = await readProfileFile(fixtures.cpu);
    const trie = buildStackTrie(buildStacks(cpu, { tagRoot: ['phase'] }), { direction: 'root-first' });
    const roots = new Map<string, number>();
    for (let c = trie.firstChild[0]!; c < trie.firstChild[0]! + trie.childCount[0]!; c++) roots.set(trie.frames[trie.frame[c]!]!.name, trie.value[c]!);
    const pprof = await goPprofTop(fixtures.cpu, { tagRoot: ['phase'] });
    // A run of the fixture can have a sample outside every pprof.Do (the runtime's own work):
    // pprof gives it an "<unknown>" root, and so must we.
    const unknown = pprof.rows.some((r) => r.name === '<unknown>') ? ['<unknown>'] : [];
    const values = ['hot', 'recursion', 'medium', 'small', ...unknown];
    assert.deepEqual([...roots.keys()].sort(), [...values].sort());
    for (const v of values) assert.equal(roots.get(v), pprof.rows.find((r) => r.name === v)?.cum, v);
  });

  it('-tagleaf on the heap profile\'s numeric "bytes" label, every sample type', async () => {
    const heap = await readProfileFile(fixtures.heap);
    await sameTop(heap, fixtures.heap, [
      { tagLeaf: ['bytes'] },
      { tagRoot: ['bytes'], sampleIndex: 'alloc_space' },
      { tagRoot: ['bytes'], sampleIndex: 'alloc_objects', tagFocus: 'bytes=1kb:' },
    ]);
  });

  it('-tags on both profiles, with filters', async () => {
    const cpu = await readProfileFile(fixtures.cpu);
    await sameTags(cpu, fixtures.cpu, {}, []);
    assert.equal(await runReport(parseArgs('tags', [fixtures.cpu, '--focus', 'burn'])), await goPprofRaw(fixtures.cpu, ['-tags', '-focus=burn']), 'go-profiler tags');
    await sameTags(cpu, fixtures.cpu, { tagFocus: 'phase=hot' }, ['-tagfocus=phase=hot']);
    await sameTags(cpu, fixtures.cpu, { focus: 'recurse' }, ['-focus=recurse']);
    const heap = await readProfileFile(fixtures.heap);
    await sameTags(heap, fixtures.heap, {}, []);
    await sameTags(heap, fixtures.heap, { sampleIndex: 'alloc_space', ignore: 'Large' }, ['-sample_index=alloc_space', '-ignore=Large']);
  });

  it('each value\'s tagfocus expression selects exactly that value\'s samples', async () => {
    const heap = await readProfileFile(fixtures.heap);
    const labels = buildLabels(heap, { sampleIndex: 'alloc_space' });
    const bytes = labels.keys.find((k) => k.key === 'bytes');
    assert.ok(bytes && bytes.numeric && bytes.values.length > 3);
    for (const v of bytes.values.slice(0, 3)) {
      const top = await goPprofTop(fixtures.heap, { sampleIndex: 'alloc_space', tagFocus: v.filter });
      const cum = top.rows.reduce((sum, r) => sum + r.flat, 0);
      assert.equal(cum, v.total, `${v.value}: pprof -tagfocus=${v.filter}`);
    }
  });

  it('multi-valued, numeric and missing labels of a hand-built profile; "(none)" is pprof\'s <unknown> root', async () => {
    const profile = buildProfile({
      sampleTypes: [['cpu', 'nanoseconds']],
      samples: [
        { stack: ['main.a a.go:1', 'main.main m.go:1'], values: [100], labels: { req: 'get', user: ['x', 'y'] } },
        { stack: ['main.b b.go:1', 'main.main m.go:2'], values: [200], labels: { req: 'put' }, numLabels: { size: [4096, 'bytes'] } },
        { stack: ['main.a a.go:1', 'main.main m.go:1'], values: [300], labels: { user: 'x' }, numLabels: { size: [2048, 'bytes'] } },
        { stack: ['main.c c.go:1', 'main.main m.go:3'], values: [400], numLabels: { n: 7 } },
        { stack: ['main.c c.go:1', 'main.main m.go:3'], values: [500] },
      ],
    });
    const path = join(dir, 'labels.pb');
    writeFileSync(path, encodeProfile(profile));
    await sameTop(profile, path, [{ tagRoot: ['req'] }, { tagRoot: ['user', 'req'], tagLeaf: ['n'] }, { tagRoot: ['req'], tagIgnore: 'req=put' }]);
    // Numbers with a unit are named in pprof's -unit, which the exact oracle above sets: compare pprof's default text.
    const textCases: [ours: string[], pprof: string[]][] = [
      [['--tagroot', 'user,req', '--tagleaf', 'size'], ['-tagroot=user,req', '-tagleaf=size']],
      [['--tagleaf', 'n,size', '--granularity', 'filefunctions'], ['-tagleaf=n,size', '-filefunctions']],
    ];
    for (const [ours, pprof] of textCases) {
      assert.equal(await runReport(parseArgs('top', [path, ...ours])), await goPprofRaw(path, ['-top', ...pprof]), pprof.join(' '));
    }
    await sameTags(profile, path, {}, []);
    const labels = buildLabels(profile, {});
    for (const key of ['req', 'user', 'size', 'n']) {
      const none = labels.keys.find((k) => k.key === key)?.none;
      const unknown = (await goPprofTop(path, { tagRoot: [key] })).rows.find((r) => r.name === '<unknown>')?.cum;
      assert.equal(none, unknown, `${key}: samples without the key`);
    }
  });
});
