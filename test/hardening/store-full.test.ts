// Disk full, for real: a tiny writable tmpfs (mounted as root; skipped where mounting is refused)
// that a capture cannot fit into. The save fails with the folder and "disk is full" in words,
// nothing partial is listed or left behind, and the bytes kept in memory save elsewhere whole.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, statfs, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import { captureItem } from '../../src/capture/save-capture';
import { decodeProfile } from '../../src/pprof/index';
import { inflateNode } from '../../src/pprof/inflate-node';
import { listProfiles, saveProfile } from '../../src/store/profile-store';
import { saveProfileAs } from '../../src/store/save-as';
import { UnsavedCaptures } from '../../src/store/unsaved';
import { StoreWriteError } from '../../src/store/write-errors';
import { bigStoredProfile } from './big-stored-profile';

let root: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'store-full-'));
});
after(() => rm(root, { recursive: true, force: true }));

/** Mounts a writable tmpfs of `size` on a new folder; undefined (test skipped) where mounting is refused. */
async function tinyDisk(t: TestContext, name: string, size: string): Promise<string | undefined> {
  const dir = join(root, name);
  await mkdir(dir);
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { encoding: 'utf8' });
  if (mount.status !== 0) {
    t.skip(`cannot mount a tmpfs here: ${(mount.stderr || mount.error?.message || '').trim()}`);
    return undefined;
  }
  t.after(() => void spawnSync('umount', [dir]));
  return dir;
}

function capture(megabytes: number): ReturnType<typeof captureItem> {
  const started = new Date('2026-11-22T06:00:00Z');
  const result = { kind: 'heap' as const, profile: bigStoredProfile(megabytes), startedAt: started, endedAt: new Date(started.getTime() + 1000) };
  return captureItem(result, { program: 'server', args: ['-port', '8080'], packagePath: 'example.com/server' }, { source: 'agent' });
}

test('a capture larger than the disk: clear message, nothing listed or left, the bytes save elsewhere whole', async (t) => {
  const dir = await tinyDisk(t, 'full', '1m');
  if (!dir) return;
  const item = capture(2);
  const error = await saveProfile(dir, item).then(
    () => assert.fail('a 2 MB capture was saved into a 1 MB disk'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof StoreWriteError, String(error));
  assert.equal(error.code, 'ENOSPC');
  assert.match(error.message, /^cannot save server-heap-20261122T060001Z\.pb\.gz in /);
  assert.ok(error.message.includes(dir), error.message);
  assert.match(error.message, /the disk is full/);
  assert.doesNotMatch(error.message, /\.tmp|no space left on device, /, 'raw Node text in the message');
  assert.deepEqual(await listProfiles(dir), []);
  assert.deepEqual(await readdir(dir), [], 'the failed save left files behind');

  // What the capture runner does with it: keep it in memory, then Save As… elsewhere.
  const unsaved = new UnsavedCaptures();
  const kept = unsaved.keep(item, 'server (pid 1)', error.message);
  const target = join(root, 'saved-elsewhere', 'server-heap.pb.gz');
  await saveProfileAs(target, unsaved.get(kept.id)!.item);
  unsaved.drop(kept.id);
  const bytes = new Uint8Array(await readFile(target));
  assert.deepEqual(bytes, item.profile);
  assert.equal(decodeProfile(bytes, { source: target, inflate: inflateNode }).comments.length, 1);
  const sidecar = JSON.parse(await readFile(join(root, 'saved-elsewhere', 'server-heap.json'), 'utf8')) as { profileFile: string; args: string[]; capture: { kind: string } };
  assert.deepEqual({ file: sidecar.profileFile, args: sidecar.args, kind: sidecar.capture.kind }, { file: 'server-heap.pb.gz', args: ['-port', '8080'], kind: 'heap' });
});

test('the profile fits but its sidecar does not: the save is undone, nothing listed', async (t) => {
  const dir = await tinyDisk(t, 'almost', '1m');
  if (!dir) return;
  const item = capture(0.0625);
  // Fill the disk so that exactly the profile's pages stay free: its sidecar is one page too many.
  const pages = Math.ceil(item.profile.byteLength / 4096);
  const fs = await statfs(dir);
  await writeFile(join(dir, 'filler'), new Uint8Array(fs.bavail * fs.bsize - pages * 4096));
  const error = await saveProfile(dir, item).then(
    () => assert.fail('the sidecar fitted: the filler was miscounted'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof StoreWriteError, String(error));
  assert.equal(error.code, 'ENOSPC');
  assert.deepEqual(await listProfiles(dir), []);
  assert.deepEqual(await readdir(dir), ['filler'], 'the profile written before the sidecar failed is still there');
});
