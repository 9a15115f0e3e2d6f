// A profiles folder that turns read-only (a real tmpfs remounted ro as root; skipped where
// mounting is refused): save and rename fail with the folder and "read-only" in words, and the
// profile already there stays listed, whole, under its old name.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { listProfiles, saveProfile, type NewProfile } from '../../src/store/profile-store';
import { renameProfile } from '../../src/store/rename-profile';

const item: NewProfile = {
  program: 'srv',
  type: 'cpu',
  profile: Uint8Array.of(0x1f, 0x8b, 8, 0),
  sidecar: { version: 1, program: 'srv', args: [], capture: { kind: 'cpu', source: 'agent' }, startedAt: '', endedAt: '' },
};

let root: string | undefined;
after(() => (root ? rm(root, { recursive: true, force: true }) : undefined));

test('a folder remounted read-only: save and rename say so in words; the old profile stays', async (t) => {
  root = await mkdtemp(join(tmpdir(), 'store-readonly-'));
  const dir = join(root, 'profiles');
  await mkdir(dir);
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { encoding: 'utf8' });
  if (mount.status !== 0) {
    t.skip(`cannot mount a tmpfs here: ${(mount.stderr || mount.error?.message || '').trim()}`);
    return;
  }
  try {
    const saved = await saveProfile(dir, item);
    const remount = spawnSync('mount', ['-o', 'remount,ro', dir], { encoding: 'utf8' });
    assert.equal(remount.status, 0, remount.stderr);

    await assert.rejects(saveProfile(dir, { ...item, type: 'heap' }), (e: Error) => {
      assert.match(e.message, /^cannot save srv-heap-\S+\.pb\.gz in (\S+): the folder is on a read-only file system \(EROFS\)$/);
      assert.ok(e.message.includes(dir));
      return true;
    });
    await assert.rejects(renameProfile(saved.profilePath, 'before-the-fix'), (e: Error) => {
      assert.equal(e.message, `cannot rename ${saved.profilePath.slice(dir.length + 1)} in ${dir}: the folder is on a read-only file system (EROFS)`);
      return true;
    });
    const listed = await listProfiles(dir);
    assert.deepEqual(listed.map((p) => p.profilePath), [saved.profilePath]);
    assert.deepEqual(new Uint8Array(await readFile(saved.profilePath)), item.profile);
  } finally {
    spawnSync('umount', [dir]);
  }
});
