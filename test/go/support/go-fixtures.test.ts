// The fixture profiles exist, are real gzipped profile.proto files, and carry the sample
// types the Go runtime writes for each kind.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildOnce, ensureGoFixtures, goFixtureKinds, listFixtureProfiles, run } from '../../support/go-fixtures';
import { readSampleTypes } from '../../support/go-pprof';

const expectedSampleTypes: Record<string, string[]> = {
  cpu: ['samples/count', 'cpu/nanoseconds'],
  heap: ['alloc_objects/count', 'alloc_space/bytes', 'inuse_objects/count', 'inuse_space/bytes'],
  allocs: ['alloc_objects/count', 'alloc_space/bytes', 'inuse_objects/count', 'inuse_space/bytes'],
  goroutine: ['goroutine/count'],
  block: ['contentions/count', 'delay/nanoseconds'],
  mutex: ['contentions/count', 'delay/nanoseconds'],
  threadcreate: ['threadcreate/count'],
};

describe('Go fixture profiles', () => {
  it('builds every kind once and returns the same paths on a second call', async () => {
    const first = await ensureGoFixtures();
    const second = await ensureGoFixtures();
    assert.deepEqual(Object.keys(first).sort(), [...goFixtureKinds].sort());
    assert.deepEqual(second, first);
  });

  it('writes a non-empty gzipped profile with the runtime sample types for each kind', async () => {
    const fixtures = await ensureGoFixtures();
    for (const kind of goFixtureKinds) {
      const bytes = await readFile(fixtures[kind]);
      assert.ok(bytes.length > 100, `${kind} profile is only ${bytes.length} bytes`);
      assert.deepEqual([bytes[0], bytes[1]], [0x1f, 0x8b], `${kind} profile is not gzipped`);
      const types = readSampleTypes(fixtures[kind]).types.map((t) => `${t.type}/${t.unit}`);
      assert.deepEqual(types, expectedSampleTypes[kind], kind);
    }
  });

  it('marks alloc_space as the default sample type of the allocs profile only', async () => {
    const fixtures = await ensureGoFixtures();
    assert.equal(readSampleTypes(fixtures.allocs).defaultType, 'alloc_space');
    assert.equal(readSampleTypes(fixtures.heap).defaultType, '');
  });

  it('lists the generated fixtures and every committed profile', async () => {
    const list = await listFixtureProfiles();
    const names = list.map((p) => p.name);
    for (const kind of goFixtureKinds) assert.ok(names.includes(kind), kind);
    assert.ok(names.includes('large.cpu'));
    assert.equal(new Set(names).size, names.length, 'names are unique');
  });

  it('generates a cache folder once even when asked twice at the same time', async () => {
    const root = await mkdtemp(join(tmpdir(), 'build-once-'));
    try {
      const target = join(root, 'result');
      let generated = 0;
      const generate = async (dir: string) => {
        generated++;
        await new Promise((r) => setTimeout(r, 100));
        await writeFile(join(dir, 'made'), 'yes');
      };
      await Promise.all([buildOnce(target, generate), buildOnce(target, generate)]);
      assert.equal(generated, 1);
      assert.equal(await readFile(join(target, 'made'), 'utf8'), 'yes');
      assert.deepEqual(await readdir(root), ['result'], 'no temporary or lock folder is left behind');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('passes a failed generation on and leaves nothing behind, so the next try starts clean', async () => {
    const root = await mkdtemp(join(tmpdir(), 'build-once-'));
    try {
      const target = join(root, 'result');
      await assert.rejects(
        buildOnce(target, async () => {
          await run('go', ['build', './does-not-exist'], { cwd: root });
        }),
        /`go build \.\/does-not-exist` exited with status \d+ in .*build-once-/,
      );
      assert.deepEqual(await readdir(root), []);
      await buildOnce(target, (dir) => writeFile(join(dir, 'made'), 'yes'));
      assert.deepEqual(await readdir(root), ['result']);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('names the missing Go toolchain when `go` is not on PATH', async () => {
    await assert.rejects(run('go', ['version'], { env: { PATH: '/nonexistent' } }), /Go toolchain \(`go`\) is not installed/);
  });

  it('reports a failing command with its status and stderr', async () => {
    await assert.rejects(run('go', ['tool', 'pprof', '-top', '/nonexistent/x.pb.gz']), (e: Error) => {
      assert.match(e.message, /`go tool pprof -top \/nonexistent\/x\.pb\.gz` exited with status \d+/);
      assert.match(e.message, /x\.pb\.gz/);
      return true;
    });
  });
});
