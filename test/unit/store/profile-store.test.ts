import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { listProfiles, saveProfile, type NewProfile } from '../../../src/store/profile-store';

const when = new Date('2026-11-22T03:45:01Z');

function item(overrides: Partial<NewProfile> = {}): NewProfile {
  return {
    program: 'server',
    type: 'goroutine',
    profile: Uint8Array.from([0x1f, 0x8b, 1, 2, 3]),
    date: when,
    sidecar: {
      version: 1,
      program: 'server',
      args: ['-port', '1'],
      goVersion: 'go1.26.8',
      module: { path: 'example.com/s', root: '/src/s' },
      sourceRoot: '/src/s/cmd/server',
      capture: { kind: 'goroutine', source: 'agent' },
      startedAt: when.toISOString(),
      endedAt: when.toISOString(),
    },
    ...overrides,
  };
}

describe('profiles folder', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'go-profiler-store-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('saves profile, text and sidecar under one stem', async () => {
    const saved = await saveProfile(join(dir, 'new', 'folder'), item({ text: 'goroutine 1 [running]:\n' }));
    assert.match(saved.profilePath, /server-goroutine-20261122T034501Z\.pb\.gz$/);
    assert.equal(saved.textPath, saved.profilePath.replace(/\.pb\.gz$/, '.txt'));
    assert.deepEqual([...(await readFile(saved.profilePath))], [0x1f, 0x8b, 1, 2, 3]);
    assert.equal(await readFile(saved.textPath!, 'utf8'), 'goroutine 1 [running]:\n');
    const sidecar = JSON.parse(await readFile(saved.sidecarPath, 'utf8'));
    assert.equal(sidecar.profileFile, 'server-goroutine-20261122T034501Z.pb.gz');
    assert.equal(sidecar.textFile, 'server-goroutine-20261122T034501Z.txt');
    assert.deepEqual(sidecar.args, ['-port', '1']);
  });

  it('never overwrites: same name gets -2, -3; a stray sidecar is respected', async () => {
    const a = await saveProfile(dir, item({ profile: Uint8Array.of(1) }));
    const b = await saveProfile(dir, item({ profile: Uint8Array.of(2) }));
    await writeFile(join(dir, 'server-goroutine-20261122T034501Z-3.json'), 'not mine');
    const c = await saveProfile(dir, item({ profile: Uint8Array.of(3) }));
    assert.match(b.profilePath, /-2\.pb\.gz$/);
    assert.match(c.profilePath, /-4\.pb\.gz$/);
    assert.deepEqual([...(await readFile(a.profilePath))], [1]);
    assert.deepEqual([...(await readFile(b.profilePath))], [2]);
    assert.equal(await readFile(join(dir, 'server-goroutine-20261122T034501Z-3.json'), 'utf8'), 'not mine');
  });

  it('concurrent saves of the same name all land, no temp files left', async () => {
    const saved = await Promise.all(Array.from({ length: 8 }, (_, i) => saveProfile(dir, item({ profile: Uint8Array.of(i) }))));
    assert.equal(new Set(saved.map((s) => s.profilePath)).size, 8);
    const names = await readdir(dir);
    assert.equal(names.filter((n) => n.endsWith('.tmp')).length, 0);
    assert.equal(names.filter((n) => n.endsWith('.pb.gz')).length, 8);
  });

  it('lists profiles with their sidecars, newest first, and reports broken sidecars', async () => {
    assert.deepEqual(await listProfiles(join(dir, 'missing')), []);
    const saved = await saveProfile(dir, item({ text: 'dump' }));
    await writeFile(join(dir, 'imported.pprof'), 'x');
    await writeFile(join(dir, 'broken-cpu.pb.gz'), 'x');
    await writeFile(join(dir, 'broken-cpu.json'), '{');
    const listed = await listProfiles(dir);
    assert.equal(listed.length, 3);
    const mine = listed.find((l) => l.profilePath === saved.profilePath)!;
    assert.equal(mine.sidecar?.goVersion, 'go1.26.8');
    assert.equal(mine.textPath, saved.textPath);
    assert.equal(listed.find((l) => l.profilePath.endsWith('imported.pprof'))?.sidecar, undefined);
    assert.match(listed.find((l) => l.profilePath.endsWith('broken-cpu.pb.gz'))?.sidecarProblem ?? '', /broken-cpu\.json: not JSON/);
  });
});
