// The "last saved run" base reads each benchmark's own head profiles from the summary's
// "benchmarkProfiles" (files beside the summary); a summary without them still loads, and a
// broken list or a missing file is one line naming the summary and what is wrong.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { loadSavedBase } from '../../../src/capture/saved-bench';

const OUTPUT = 'pkg: example.com/x\nBenchmarkA-2 \t 1000\t 1234 ns/op\nPASS\n';

describe('loadSavedBase: each benchmark\'s own head profiles', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'saved-bench-'));
    const files: Record<string, string | Buffer> = {
      'x.base-cpu-20260101T000000Z.txt': OUTPUT,
      'x.head-cpu-20260101T000000Z.txt': OUTPUT,
      'x.head-cpu-20260101T000000Z.pb.gz': gzipSync(Buffer.from('merged cpu')),
      'x.head-allocs-20260101T000000Z.pb.gz': gzipSync(Buffer.from('merged mem')),
      'x.head.BenchmarkA-cpu-20260101T000000Z.pb.gz': Buffer.from('own cpu'),
      'x.head.BenchmarkA-allocs-20260101T000000Z.pb.gz': Buffer.from('own mem'),
    };
    for (const [name, body] of Object.entries(files)) await writeFile(join(dir, name), body);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const summary = async (name: string, extra: Record<string, unknown>): Promise<string> => {
    const path = join(dir, name);
    // Paths from another folder: only the file names count, the files are beside the summary.
    const profiles = { base: '/elsewhere/x.base-cpu-20260101T000000Z.pb.gz', head: '/elsewhere/x.head-cpu-20260101T000000Z.pb.gz' };
    await writeFile(path, JSON.stringify({ benchmarks: [], profiles, ...extra }));
    return path;
  };
  const own = (cpu: string) => [{ name: 'BenchmarkA', head: { cpu: `/elsewhere/${cpu}`, allocs: '/elsewhere/x.head.BenchmarkA-allocs-20260101T000000Z.pb.gz' } }];

  it('reads the files the summary lists', async () => {
    const saved = await loadSavedBase(await summary('a.bench-compare.json', { benchmarkProfiles: own('x.head.BenchmarkA-cpu-20260101T000000Z.pb.gz') }));
    assert.deepEqual([...saved.benchmarks.keys()], ['BenchmarkA']);
    assert.equal(Buffer.from(saved.benchmarks.get('BenchmarkA')!.cpu).toString(), 'own cpu');
    assert.equal(Buffer.from(saved.benchmarks.get('BenchmarkA')!.mem).toString(), 'own mem');
    assert.equal(Buffer.from(saved.cpu).toString(), 'merged cpu');
  });

  it('loads a summary from before they were kept, with none', async () => {
    const saved = await loadSavedBase(await summary('b.bench-compare.json', {}));
    assert.equal(saved.benchmarks.size, 0);
    assert.deepEqual(saved.firsts.map((f) => [f.name, f.iterations]), [['BenchmarkA', 1000]]);
  });

  it('names a broken list, a broken entry and a missing file in one line', async () => {
    await assert.rejects(loadSavedBase(await summary('c.bench-compare.json', { benchmarkProfiles: 5 })), /^CaptureError: saved comparison c\.bench-compare\.json: "benchmarkProfiles" is not a list$/);
    await assert.rejects(
      loadSavedBase(await summary('d.bench-compare.json', { benchmarkProfiles: [{ name: 'BenchmarkA', head: { cpu: 'a' } }] })),
      /^CaptureError: saved comparison d\.bench-compare\.json: a "benchmarkProfiles" entry without a name and head cpu and allocs paths$/,
    );
    await assert.rejects(
      loadSavedBase(await summary('e.bench-compare.json', { benchmarkProfiles: own('gone.pb.gz') })),
      /^CaptureError: saved comparison e\.bench-compare\.json: cannot read its BenchmarkA head CPU profile gone\.pb\.gz \(ENOENT\)$/,
    );
  });
});
