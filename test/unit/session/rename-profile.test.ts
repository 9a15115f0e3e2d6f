import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { listProfiles, saveProfile } from '../../../src/store/profile-store';
import { renameProfile } from '../../../src/store/rename-profile';

describe('renameProfile (Recent Profiles → Rename)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'go-profiler-rename-'));
  after(() => rm(dir, { recursive: true, force: true }));
  const sidecar = { version: 1 as const, program: 'p', args: [], capture: { kind: 'goroutine', source: 'agent' as const }, startedAt: 'a', endedAt: 'b' };

  it('moves profile, text and sidecar together and updates the sidecar', async () => {
    const saved = await saveProfile(dir, { program: 'p', type: 'goroutine', profile: new Uint8Array([1, 2]), text: 'dump', sidecar });
    const renamed = await renameProfile(saved.profilePath, 'before-fix');
    assert.equal(renamed, join(dir, 'before-fix.pb.gz'));
    assert.deepEqual((await readdir(dir)).sort(), ['before-fix.json', 'before-fix.pb.gz', 'before-fix.txt']);
    const side = JSON.parse(await readFile(join(dir, 'before-fix.json'), 'utf8')) as { profileFile: string; textFile: string };
    assert.equal(side.profileFile, 'before-fix.pb.gz');
    assert.equal(side.textFile, 'before-fix.txt');
    const [listed] = await listProfiles(dir);
    assert.equal(listed?.sidecar?.program, 'p');
  });

  it('refuses to overwrite and refuses bad names, changing nothing', async () => {
    const other = await saveProfile(dir, { program: 'q', type: 'cpu', profile: new Uint8Array([3]), sidecar: { ...sidecar, capture: { kind: 'cpu', source: 'agent' } } });
    await assert.rejects(renameProfile(other.profilePath, 'before-fix'), /before-fix\.pb\.gz: that file already exists/);
    await assert.rejects(renameProfile(other.profilePath, '../x'), /must not contain/);
    await writeFile(join(dir, 'note.txt'), 'x');
    assert.equal((await readdir(dir)).filter((n) => n.startsWith('q-cpu')).length, 2);
  });
});
