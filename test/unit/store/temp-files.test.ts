// Temp files left by a crash mid-write: never listed; removed when the folder is listed, once
// older than STALE_TEMP_MS (a younger one may be another window's write in progress).
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { listProfiles, saveProfile } from '../../../src/store/profile-store';
import { isTempFileName, removeStaleTemps, STALE_TEMP_MS, tempFileName } from '../../../src/store/temp-files';

const sidecar = { version: 1 as const, program: 'p', args: [], capture: { kind: 'cpu', source: 'agent' as const }, startedAt: '', endedAt: '' };

describe('leftover temp files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'go-profiler-temps-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('recognises only the store temp names', () => {
    assert.ok(isTempFileName(tempFileName()));
    assert.ok(!isTempFileName('.go-profiler-xyz.tmp'));
    assert.ok(!isTempFileName('go-profiler-abc.tmp'));
    assert.ok(!isTempFileName('.go-profiler-abc.tmp.pb.gz'));
  });

  it('lists none of them, removes the stale ones and keeps a fresh one', async () => {
    const saved = await saveProfile(dir, { program: 'p', type: 'cpu', profile: Uint8Array.of(0x1f, 0x8b, 9), sidecar });
    const stale = tempFileName();
    const fresh = tempFileName();
    await writeFile(join(dir, stale), 'half a profile');
    await writeFile(join(dir, fresh), 'a write in progress');
    const old = new Date(Date.now() - STALE_TEMP_MS - 60_000);
    await utimes(join(dir, stale), old, old);
    // Another file that only looks similar is not ours to remove.
    await writeFile(join(dir, '.go-profiler-notes.tmp'), 'x');
    await utimes(join(dir, '.go-profiler-notes.tmp'), old, old);

    const listed = await listProfiles(dir);
    assert.deepEqual(listed.map((p) => p.profilePath), [saved.profilePath]);
    const left = await readdir(dir);
    assert.ok(!left.includes(stale), 'the stale temp file is still there');
    assert.ok(left.includes(fresh), 'a fresh temp file (maybe a write in progress) was removed');
    assert.ok(left.includes('.go-profiler-notes.tmp'));
  });

  it('removeStaleTemps reports what it removed and survives a vanished file', async () => {
    const a = tempFileName();
    await writeFile(join(dir, a), 'x');
    const now = Date.now() + STALE_TEMP_MS + 1000;
    assert.deepEqual(await removeStaleTemps(dir, [a, tempFileName()], now), [a]);
  });
});
