/** The editor's per-line table (lineCostsForQuery) against the real `go tool pprof -list`. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { lineCostsForQuery } from '../../../src/analysis/line-table';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import type { LineCostsParams } from '../../../src/shared/line-costs-view';
import { repoRoot } from '../../support/go-fixtures';
import { goPprofRaw, pprofUnitFlag } from '../../support/go-pprof';
import { parsePprofList as parseList } from '../../support/pprof-list';

// pprof -list shows only files it can read: the example's own files are found through
// -source_path with -trim_path, and printed relative to the trimmed prefix.

const profiles = join(repoRoot, 'examples/profiles');

describe('editor line table matches go tool pprof -list', () => {
  it('sample types, filters and a comparison with a base profile', async () => {
    const cpu = join(profiles, 'hotspots.cpu.pb.gz');
    const heap = join(profiles, 'hotspots.heap.pb.gz');
    const block = join(profiles, 'hotspots.block.pb.gz');
    const mutex = join(profiles, 'hotspots.mutex.pb.gz');
    const cases: { file: string; params: LineCostsParams; args: string[]; base?: string }[] = [
      { file: cpu, params: { sampleIndex: 1 }, args: [] },
      { file: cpu, params: { sampleIndex: 1, focus: 'countPrimes' }, args: ['-focus=countPrimes'] },
      { file: heap, params: { sampleIndex: 1 }, args: ['-sample_index=alloc_space'] },
      { file: heap, params: { sampleIndex: 3, ignore: 'runtime' }, args: ['-sample_index=inuse_space', '-ignore=runtime'] },
      // -base: per-line change, current minus base (block and mutex share sample types).
      { file: block, params: { sampleIndex: 1, diff: true }, args: ['-sample_index=1'], base: mutex },
    ];
    for (const c of cases) {
      const profile = await readProfileFile(c.file);
      const base = c.base === undefined ? undefined : await readProfileFile(c.base);
      const all = lineCostsForQuery(profile, c.params, base);
      const wanted = all.files.map((f) => f.file);
      // Through a structured clone, as the host receives it from the worker thread.
      const view = structuredClone(lineCostsForQuery(profile, { ...c.params, files: wanted }, base));
      const unit = view.sampleType.unit;
      const captured = all.files.map((f) => /^(.*\/home\/alice\/src\/hotspots)\//.exec(f.file)?.[1]).find((p) => p !== undefined);
      assert.ok(captured, 'the profile was captured under another path');
      const sources = [`-source_path=${join(repoRoot, 'examples')}`, `-trim_path=${captured}`];
      const args = ['-list=.', `-unit=${pprofUnitFlag(unit)}`, ...sources, ...c.args, ...(c.base ? [`-base=${c.base}`] : [])];
      const theirs = parseList(await goPprofRaw(c.file, args), captured);
      // The go test main (_testmain.go) is generated and exists nowhere, so pprof cannot list it.
      const ours = view.files.filter((f) => f.file !== '_testmain.go').flatMap((f) => (f.lines ?? []).map((l) => `${f.file}:${l.line} ${l.flat} ${l.cum}`)).sort();
      assert.ok(theirs.length > 0, `${c.file} ${args.join(' ')}: pprof listed lines`);
      assert.deepEqual(ours, theirs, `${c.file} ${args.join(' ')}`);
      // Without `files`, totals only.
      assert.ok(all.files.every((f) => f.lines === undefined));
    }
  });

  it('each line names its function; files ordered by their costliest line', async () => {
    const profile = await readProfileFile(join(profiles, 'hotspots.cpu.pb.gz'));
    const table = lineCostsForQuery(profile, { sampleIndex: 1, files: [] });
    for (let i = 1; i < table.files.length; i++) assert.ok(table.files[i - 1]!.maxCum >= table.files[i]!.maxCum);
    const cpuGo = table.files.find((f) => f.file.endsWith('/hotspots/cpu.go'));
    assert.ok(cpuGo);
    const full = lineCostsForQuery(profile, { sampleIndex: 1, files: [cpuGo.file] }).files.find((f) => f.file === cpuGo.file);
    const names = new Set((full?.lines ?? []).map((l) => full?.functions?.[l.fn]?.name));
    assert.deepEqual([...names].sort(), ['example.com/hotspots/hotspots.countPrimes', 'example.com/hotspots/hotspots.isPrime']);
    const isPrime = full?.functions?.find((f) => f.name.endsWith('.isPrime'));
    assert.equal(isPrime?.startLine, 14);
  });
});
