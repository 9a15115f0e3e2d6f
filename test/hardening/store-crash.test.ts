// Atomic saves: a process SIGKILLed while the store writes a large profile leaves either the
// whole profile or nothing in the listing (a half-written temp file is never listed), and a
// folder that cannot be written gives an error naming the folder.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { decodeProfile } from '../../src/pprof/index';
import { inflateNode } from '../../src/pprof/inflate-node';
import { PROFILE_EXTENSION } from '../../src/store/naming';
import { listProfiles, saveProfile } from '../../src/store/profile-store';
import { repoRoot } from '../support/go-fixtures';
import { bigStoredProfile } from './big-stored-profile';

const MEGABYTES = 64;
const CHILD = join(repoRoot, 'test', 'hardening', 'store-writer-child.ts');

let root: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'store-crash-'));
});
after(() => rm(root, { recursive: true, force: true }));

/**
 * How a round ended: killed, with the bytes of the profile's temp file seen last, or (a busy
 * machine did not let the parent look in time) the save finished before the kill.
 */
type Round = { readonly tempBytesSeen: number; readonly finished?: undefined } | { readonly finished: true };

/** Starts the child, waits until its profile's temp file holds some bytes, then SIGKILLs it. */
function killMidWrite(dir: string): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, String(MEGABYTES)], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let tempBytesSeen = -1;
    child.once('error', reject);
    // Poll synchronously from the start: the write of 64 MB takes tens of milliseconds.
    const until = Date.now() + 60_000;
    while (Date.now() < until) {
      const names = readdirSync(dir);
      // The profile is in place: the write to interrupt is over (the sidecar's is not it).
      if (names.some((n) => n.endsWith(PROFILE_EXTENSION))) break;
      const temp = names.find((n) => n.endsWith('.tmp'));
      const size = temp === undefined ? 0 : statSize(join(dir, temp));
      if (size > 0) {
        tempBytesSeen = size;
        child.kill('SIGKILL');
        break;
      }
    }
    child.once('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ tempBytesSeen });
      else if (code === 0 && tempBytesSeen < 0) resolve({ finished: true });
      else reject(new Error(`child ended with ${code ?? signal} before it was killed`));
    });
  });
}

function statSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

async function assertListedProfilesWhole(dir: string, expected: Uint8Array): Promise<number> {
  const listed = await listProfiles(dir);
  for (const p of listed) {
    const bytes = new Uint8Array(await readFile(p.profilePath));
    assert.equal(bytes.length, expected.length, `${p.profilePath} is listed but holds ${bytes.length} of ${expected.length} bytes`);
    const profile = decodeProfile(bytes, { source: p.profilePath, inflate: inflateNode });
    assert.equal(profile.comments.length, 1);
  }
  return listed.length;
}

test('SIGKILL during a save never leaves a truncated profile listed', { timeout: 300_000 }, async () => {
  const expected = bigStoredProfile(MEGABYTES);
  let midWrite = 0;
  // At least three kills; more rounds (up to ten) while none has landed mid-write yet, since on
  // a busy machine the parent can miss a write of tens of milliseconds.
  for (let round = 0; round < 10 && (round < 3 || midWrite === 0); round++) {
    const dir = join(root, `kill-${round}`);
    await mkdir(dir);
    const ended = await killMidWrite(dir);
    const listed = await assertListedProfilesWhole(dir, expected);
    if (ended.finished) {
      assert.equal(listed, 1, 'a save that finished lists its profile');
      continue;
    }
    if (ended.tempBytesSeen > 0 && ended.tempBytesSeen < expected.length) midWrite++;
    assert.equal(listed, 0, 'killed before the temp file was complete, yet a profile is listed');
  }
  // The kill must have landed during the write at least once, or the test proved nothing.
  assert.ok(midWrite >= 1, 'the child was never killed in the middle of writing its temp file');
});

test('a save that completes lists the whole profile (control for the kill test)', { timeout: 120_000 }, async () => {
  const dir = join(root, 'whole');
  const r = spawnSync(process.execPath, ['--import', 'tsx', CHILD, dir, String(MEGABYTES)], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /saved /);
  assert.equal(await assertListedProfilesWhole(dir, bigStoredProfile(MEGABYTES)), 1);
  assert.deepEqual(readdirSync(dir).filter((n) => n.endsWith('.tmp')), []);
});

const item = { program: 'p', type: 'cpu', profile: new Uint8Array([0x1f, 0x8b]), sidecar: { version: 1 as const, program: 'p', args: [], capture: { kind: 'cpu', source: 'agent' as const }, startedAt: '', endedAt: '' } };

test('a profiles folder under a file (ENOTDIR) gives an error naming the folder', async () => {
  const file = join(root, 'not-a-folder');
  await writeFile(file, 'x');
  const dir = join(file, 'profiles');
  await assert.rejects(saveProfile(dir, item), (e: Error) => e.message.includes(dir) && /part of the path is a file, not a folder \(ENOTDIR\)$/.test(e.message));
});

test('a read-only mounted folder (EROFS) gives an error naming the folder', async (t) => {
  const dir = join(root, 'read-only');
  await mkdir(dir);
  // Root ignores file modes, so a real read-only file system is mounted; needs CAP_SYS_ADMIN.
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', dir], { encoding: 'utf8' });
  if (mount.status !== 0) {
    t.skip(`cannot mount a read-only tmpfs here: ${(mount.stderr || mount.error?.message || '').trim()}`);
    return;
  }
  try {
    await assert.rejects(saveProfile(dir, item), (e: Error) => e.message.includes(dir) && /the folder is on a read-only file system \(EROFS\)$/.test(e.message));
    assert.deepEqual(await listProfiles(dir), []);
  } finally {
    spawnSync('umount', [dir]);
  }
});
