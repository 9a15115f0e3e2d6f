/** The labels model and label frames on hand-built profiles: hand-computed expectations (pprof's numbers are in test/fidelity). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildLabels } from '../../../src/analysis/labels';
import { withLabelFrames } from '../../../src/analysis/label-frames';
import { buildStacks } from '../../../src/analysis/stacks';
import { compileTagFilter } from '../../../src/analysis/tag-filter';
import { parseArgs } from '../../../src/cli/args';
import { buildProfile } from '../../support/profile-builder';
import { ensureGoFixtures } from '../../support/go-fixtures';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import { lineCostsForQuery } from '../../../src/analysis/line-table';
import type { LineCostsParams } from '../../../src/shared/line-costs-view';

const profile = buildProfile({
  sampleTypes: [['samples', 'count']],
  samples: [
    { stack: ['main.a a.go:1', 'main.main m.go:1'], values: [1], labels: { req: 'get', 'odd key': 'a.b*(c)' } },
    { stack: ['main.b b.go:1', 'main.main m.go:2'], values: [2], labels: { req: 'put' }, numLabels: { size: [4096, 'bytes'] } },
    { stack: ['main.a a.go:1', 'main.main m.go:1'], values: [4], labels: { req: 'get' }, numLabels: { size: [2048, 'bytes'] } },
    { stack: ['main.c c.go:1', 'main.main m.go:3'], values: [8] },
  ],
});

test('each key lists its values largest first, with the samples without it as "none"', () => {
  const labels = buildLabels(profile, {});
  assert.equal(labels.total, 15);
  const req = labels.keys.find((k) => k.key === 'req')!;
  assert.deepEqual(req.values.map((v) => [v.value, v.total]), [['get', 5], ['put', 2]]);
  assert.equal(req.total, 7);
  assert.equal(req.none, 8);
  const size = labels.keys.find((k) => k.key === 'size')!;
  assert.equal(size.numeric, true);
  assert.equal(size.unit, 'bytes');
  assert.deepEqual(size.values.map((v) => [v.value, v.total]), [['2kB', 4], ['4kB', 2]]);
  assert.deepEqual(labels.keys.map((k) => k.key), ['odd key', 'req', 'size']);
});

test('a value\'s filter selects exactly its samples, special characters and numbers included', () => {
  const labels = buildLabels(profile, {});
  for (const key of labels.keys) {
    for (const v of key.values) {
      const test = compileTagFilter('tagfocus', v.filter, profile);
      const selected = [0, 1, 2, 3].filter(test).reduce((sum, s) => sum + profile.samples.values[s]!, 0);
      assert.equal(selected, v.total, `${key.key}=${v.value} via ${v.filter}`);
    }
  }
});

test('filters narrow the shares (tagfocus keeps only matching samples)', () => {
  const labels = buildLabels(profile, { tagFocus: 'req=put' });
  const req = labels.keys.find((k) => k.key === 'req')!;
  assert.deepEqual(req.values.map((v) => [v.value, v.total]), [['put', 2]]);
  assert.equal(req.none, 0);
  assert.equal(labels.total, 15, 'percentages stay against the whole profile, as pprof\'s');
});

test('label frames: first root key outermost, last leaf key innermost, missing key as an empty frame', () => {
  const stacks = buildStacks(profile, { tagRoot: ['req', 'size'], tagLeaf: ['req'] });
  const names = (s: number): string[] => {
    const out: string[] = [];
    for (let i = stacks.stackStart[s]!; i < stacks.stackStart[s + 1]!; i++) out.push(stacks.frames[stacks.stackFrames[i]!]!.name);
    return out;
  };
  const all = Array.from({ length: stacks.count }, (_, s) => names(s).join(' < '));
  assert.ok(all.includes('get < main.a < main.main < <unknown> < get'), all.join('\n'));
  assert.ok(all.includes('put < main.b < main.main < 4kB < put'), all.join('\n'));
  assert.ok(all.includes('<unknown> < main.c < main.main < <unknown> < <unknown>'), all.join('\n'));
});

test('no keys: the same profile object; the same keys twice: the same transformed profile', () => {
  assert.equal(withLabelFrames(profile, {}), profile);
  assert.equal(withLabelFrames(profile, { tagRoot: [''] }), profile);
  assert.equal(withLabelFrames(profile, { tagRoot: ['req'] }), withLabelFrames(profile, { tagRoot: ['req'] }));
});

test('go-profiler --tagroot/--tagleaf take comma-separated keys', () => {
  const args = parseArgs('top', ['f.pb.gz', '--tagroot', 'a,b', '--tagleaf=c,']);
  assert.deepEqual(args.report.tagRoot, ['a', 'b']);
  assert.deepEqual(args.report.tagLeaf, ['c']);
  assert.equal(parseArgs('tags', ['f.pb.gz']).command, 'tags');
});

test('editor hints: label root frames change no line; a zoomed path through one counts that value\'s samples; leaf frames take no flat', async () => {
  const cpu = await readProfileFile((await ensureGoFixtures()).cpu);
  const sampleIndex = cpu.defaultSampleTypeIndex;
  const files = lineCostsForQuery(cpu, { sampleIndex }).files.map((f) => f.file);
  assert.ok(files.length > 0);
  const lines = (params: Omit<LineCostsParams, 'sampleIndex' | 'files'>): unknown => lineCostsForQuery(cpu, { sampleIndex, files, ...params });
  assert.deepEqual(lines({ tagRoot: ['phase'] }), lines({}));
  assert.deepEqual(lines({ tagLeaf: ['shape'] }), lines({}));
  const hot = lineCostsForQuery(cpu, { sampleIndex, files, tagRoot: ['phase'], flamePath: ['hot', 'runtime.main'], flameGranularity: 'functions' });
  assert.ok(hot.files.some((f) => (f.lines?.length ?? 0) > 0), 'the zoomed path keeps some lines');
  assert.notDeepEqual(hot, lines({}), 'and fewer than the whole profile');
  assert.deepEqual(
    lines({ tagRoot: ['phase'], flamePath: ['hot', 'runtime.main'], flameGranularity: 'functions' }),
    lines({ tagFocus: 'phase=^hot$', flamePath: ['runtime.main'], flameGranularity: 'functions' }),
  );
});
