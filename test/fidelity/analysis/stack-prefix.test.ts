/**
 * The flame-zoom filter (samples whose root-first stack starts with a path) against the real
 * `go tool pprof -focus`, on a function with one place in the flame graph (not recursive),
 * where keeping its stack path and focusing on its name keep the same samples.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { lineCostsForQuery } from '../../../src/analysis/line-table';
import { profileWithSamples, samplesUnderPath } from '../../../src/analysis/stack-prefix';
import { buildStacks } from '../../../src/analysis/stacks';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import type { Profile } from '../../../src/pprof/profile';
import { repoRoot } from '../../support/go-fixtures';
import { goPprofRaw } from '../../support/go-pprof';
import { parsePprofList as parseList } from '../../support/pprof-list';

const CPU = join(repoRoot, 'examples/profiles/hotspots.cpu.pb.gz');
const FUNCTION = 'example.com/hotspots/hotspots.countPrimes';


/** Every distinct root-first path of names that ends at a frame named `name`. */
function pathsTo(profile: Profile, name: string): string[][] {
  const stacks = buildStacks(profile, { sampleIndex: 1 });
  const seen = new Map<string, string[]>();
  for (let k = 0; k < stacks.count; k++) {
    const names: string[] = [];
    for (let i = stacks.stackStart[k + 1]! - 1; i >= stacks.stackStart[k]!; i--) names.push(stacks.frames[stacks.stackFrames[i]!]!.name);
    names.forEach((n, depth) => {
      if (n !== name) return;
      const path = names.slice(0, depth + 1);
      seen.set(path.join('\n'), path);
    });
  }
  return [...seen.values()];
}

function lineRows(profile: Profile, params: Parameters<typeof lineCostsForQuery>[1]): string[] {
  const files = lineCostsForQuery(profile, params).files.map((f) => f.file);
  return lineCostsForQuery(profile, { ...params, files })
    .files.filter((f) => f.file !== '_testmain.go')
    .flatMap((f) => (f.lines ?? []).map((l) => `${f.file}:${l.line} ${l.flat} ${l.cum}`))
    .sort();
}

describe('flame zoom: samples under a stack path', () => {
  it('a non-recursive function with one flame node: its path keeps what go tool pprof -focus keeps', async () => {
    const profile = await readProfileFile(CPU);
    const paths = pathsTo(profile, FUNCTION);
    assert.equal(paths.length, 1, `${FUNCTION} has one node in the flame graph`);
    const path = paths[0]!;
    assert.equal(path.filter((n) => n === FUNCTION).length, 1, 'not recursive');

    const ours = lineRows(profile, { sampleIndex: 1, flamePath: path });
    const captured = /^(.*\/home\/alice\/src\/hotspots)\//.exec(ours.find((r) => r.includes('/home/alice/src/hotspots/')) ?? '')?.[1];
    assert.ok(captured, 'the profile was captured under another path');
    const args = ['-list=.', '-unit=ns', `-source_path=${join(repoRoot, 'examples')}`, `-trim_path=${captured}`, `-focus=^${FUNCTION.replace(/\./g, '\\.')}$`];
    const theirs = parseList(await goPprofRaw(CPU, args), captured);
    assert.ok(theirs.length > 0, 'pprof listed lines');
    assert.deepEqual(ours, theirs);
    // The zoom changes the numbers: the whole profile has more lines (the test can fail).
    assert.notDeepEqual(lineRows(profile, { sampleIndex: 1 }), ours);
    // Percentages stay of the whole profile, as with pprof -focus.
    assert.equal(lineCostsForQuery(profile, { sampleIndex: 1, flamePath: path }).total, lineCostsForQuery(profile, { sampleIndex: 1 }).total);
  });

  it('the path is matched from the root: the same names lower in a stack do not count', async () => {
    const profile = await readProfileFile(CPU);
    const path = pathsTo(profile, FUNCTION)[0]!;
    const keep = samplesUnderPath(profile, { sampleIndex: 1 }, path.slice(1));
    assert.equal(keep.reduce((a, b) => a + b, 0), 0, 'no stack starts with the path minus its root frame');
    const all = samplesUnderPath(profile, { sampleIndex: 1 }, []);
    const nonZero = Array.from({ length: profile.samples.count }, (_, s) => profile.samples.values[s * profile.samples.valueCount + 1]! !== 0);
    assert.deepEqual(Array.from(all, (k) => k === 1), nonZero, 'the empty path keeps every sample with a value');
  });

  it('profileWithSamples keeps exactly the marked samples, labels included', async () => {
    const profile = await readProfileFile(CPU);
    const keep = new Uint8Array(profile.samples.count).map((_, i) => (i % 2 === 0 ? 1 : 0));
    const half = profileWithSamples(profile, keep);
    assert.equal(half.samples.count, Math.ceil(profile.samples.count / 2));
    for (let j = 0; j < half.samples.count; j++) {
      const i = j * 2;
      const s = profile.samples;
      const h = half.samples;
      assert.deepEqual(Array.from(h.stackLocations.subarray(h.stackStart[j]!, h.stackStart[j + 1]!)), Array.from(s.stackLocations.subarray(s.stackStart[i]!, s.stackStart[i + 1]!)));
      assert.deepEqual(Array.from(h.values.subarray(j * h.valueCount, (j + 1) * h.valueCount)), Array.from(s.values.subarray(i * s.valueCount, (i + 1) * s.valueCount)));
      assert.deepEqual(Array.from(h.labelKey.subarray(h.labelStart[j]!, h.labelStart[j + 1]!)), Array.from(s.labelKey.subarray(s.labelStart[i]!, s.labelStart[i + 1]!)));
    }
  });
});
