import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { deleteCapture } from '../../../src/store/kept-binary';
import { saveProfile, type NewProfile } from '../../../src/store/profile-store';

const when = new Date('2026-11-22T03:45:01Z');

function item(type: string, binary: string | undefined): NewProfile {
  return {
    program: 'server',
    type,
    profile: Uint8Array.from([0x1f, 0x8b, 1, 2, 3]),
    date: when,
    ...(binary !== undefined ? { binary } : {}),
    sidecar: {
      version: 1,
      program: 'server',
      args: [],
      capture: { kind: type, source: 'agent' },
      startedAt: when.toISOString(),
      endedAt: when.toISOString(),
    },
  };
}

describe('kept program binaries', () => {
  let dir: string;
  let built: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'go-profiler-kept-'));
    built = join(dir, 'build-server');
    await writeFile(built, 'ELF pretend binary');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('copies the binary once per content, names it in each sidecar, deletes it with the last capture', async () => {
    const out = join(dir, 'profiles');
    const cpu = await saveProfile(out, item('cpu', built));
    const heap = await saveProfile(out, item('heap', built));
    const name = cpu.sidecar.binaryFile;
    assert.match(name ?? '', /^server-[0-9a-f]{16}\.bin$/);
    assert.equal(heap.sidecar.binaryFile, name);
    assert.equal(JSON.parse(await readFile(cpu.sidecarPath, 'utf8')).binaryFile, name);
    assert.equal(await readFile(join(out, name!), 'utf8'), 'ELF pretend binary');
    assert.equal((await readdir(out)).filter((n) => n.endsWith('.bin')).length, 1);

    await deleteCapture(cpu.profilePath);
    assert.ok((await readdir(out)).includes(name!), 'the heap capture still names it');
    await deleteCapture(heap.profilePath);
    assert.deepEqual(await readdir(out), []);
  });

  it('a binary rebuilt at the same path is kept again under its new content hash', async () => {
    const out = join(dir, 'profiles');
    const before = (await saveProfile(out, item('cpu', built))).sidecar.binaryFile;
    await writeFile(built, 'ELF pretend binary, rebuilt with a change');
    const after = (await saveProfile(out, item('heap', built))).sidecar.binaryFile;
    assert.ok(before && after && before !== after, `${before} then ${after}`);
    assert.equal(await readFile(join(out, after), 'utf8'), 'ELF pretend binary, rebuilt with a change');
    assert.equal(await readFile(join(out, before), 'utf8'), 'ELF pretend binary');
  });

  it('saves the capture without a binary when the binary is gone', async () => {
    const saved = await saveProfile(join(dir, 'p'), item('cpu', join(dir, 'missing')));
    assert.equal(saved.sidecar.binaryFile, undefined);
    assert.deepEqual((await readdir(join(dir, 'p'))).sort(), ['server-cpu-20261122T034501Z.json', 'server-cpu-20261122T034501Z.pb.gz']);
  });
});
