import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { NewProfile } from '../../../src/store/profile-store';
import { saveProfileAs, stemPathOf } from '../../../src/store/save-as';
import { parseSidecar } from '../../../src/store/sidecar';
import { UnsavedCaptures } from '../../../src/store/unsaved';

const item: NewProfile = {
  program: 'srv',
  type: 'goroutine',
  profile: Uint8Array.of(0x1f, 0x8b, 1, 2, 3),
  text: 'goroutine 1 [running]:\n',
  sidecar: { version: 1, program: 'srv', args: ['-x'], capture: { kind: 'goroutine', source: 'agent' }, startedAt: '2026-11-22T00:00:00.000Z', endedAt: '2026-11-22T00:00:01.000Z' },
};

describe('Save As for a capture the folder could not take', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'go-profiler-save-as-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('stemPathOf drops the profile extension', () => {
    assert.equal(stemPathOf('/a/b/x.pb.gz'), '/a/b/x');
    assert.equal(stemPathOf('/a/b/x.prof'), '/a/b/x');
    assert.equal(stemPathOf('/a/b.c/x'), '/a/b.c/x');
    assert.equal(stemPathOf('/a/b/x.bin'), '/a/b/x');
  });

  it('writes the same bytes, the text and a sidecar naming them, replacing a file the user chose', async () => {
    const target = join(dir, 'mine.pb.gz');
    await writeFile(target, 'old content');
    const saved = await saveProfileAs(target, item);
    assert.deepEqual(new Uint8Array(await readFile(target)), item.profile);
    assert.equal(await readFile(join(dir, 'mine.txt'), 'utf8'), item.text);
    const sidecar = parseSidecar(await readFile(join(dir, 'mine.json'), 'utf8'), 'mine.json');
    assert.equal(sidecar.profileFile, 'mine.pb.gz');
    assert.equal(sidecar.textFile, 'mine.txt');
    assert.deepEqual(sidecar.args, ['-x']);
    assert.equal(saved.sidecarPath, join(dir, 'mine.json'));
    assert.deepEqual((await readdir(dir)).sort(), ['mine.json', 'mine.pb.gz', 'mine.txt']);
  });

  it('a failure names the folder and the cause in words', async () => {
    const file = join(dir, 'a-file');
    await writeFile(file, 'x');
    await assert.rejects(saveProfileAs(join(file, 'sub', 'p.pb.gz'), item), (e: Error) => e.message.includes(join(file, 'sub')) && /not a folder/.test(e.message));
  });
});

describe('UnsavedCaptures', () => {
  it('keeps, lists, counts bytes and drops, telling listeners', () => {
    const kept = new UnsavedCaptures();
    let changes = 0;
    const stop = kept.onDidChange(() => changes++);
    const a = kept.keep(item, 'srv (pid 1)', 'disk full');
    const b = kept.keep({ ...item, text: undefined, profile: new Uint8Array(10) }, 'srv', 'read-only');
    assert.deepEqual(kept.list().map((c) => c.id), [a.id, b.id]);
    assert.equal(kept.bytes, item.profile.byteLength + (item.text?.length ?? 0) + 10);
    assert.equal(kept.get(a.id)?.item.profile, item.profile, 'the very bytes are kept');
    assert.equal(kept.drop(a.id), true);
    assert.equal(kept.drop(a.id), false);
    stop();
    kept.drop(b.id);
    assert.equal(changes, 3);
    assert.deepEqual(kept.list(), []);
  });
});
