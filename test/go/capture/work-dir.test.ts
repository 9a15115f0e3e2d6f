// The build folders: private, owned, removed on every path this process controls, and
// swept by the next build when their owner is gone (real folders, real processes).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runTool } from '../../../src/capture/process';
import { LEGACY_STALE_MS, makeWorkDir, ownerAlive, ownerTag, sweepStaleWorkDirs, UNOWNED_STALE_MS, WORK_DIR_PREFIX } from '../../../src/capture/work-dir';
import { withTempDir } from './helpers';

/** "pid start-time" of a running process, read here from /proc/<pid>/stat (field 22). */
function tagOf(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return `${pid} ${stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]}`;
}

async function folder(root: string, suffix: string, owner?: string): Promise<string> {
  const path = join(root, WORK_DIR_PREFIX + suffix);
  await mkdir(path);
  await writeFile(join(path, 'binary'), 'x');
  if (owner !== undefined) await writeFile(join(path, 'owner'), owner + '\n');
  return path;
}

describe('build work folders', () => {
  it('are private, name their owner, and go when removed', async () => {
    await withTempDir(async (root) => {
      const work = await makeWorkDir(root);
      assert.match(work.path, new RegExp(`^${root}/${WORK_DIR_PREFIX}[A-Za-z0-9]{6}$`));
      assert.equal(statSync(work.path).mode & 0o777, 0o700);
      assert.equal((await readFile(join(work.path, 'owner'), 'utf8')).trim(), tagOf(process.pid));
      assert.equal(ownerTag(), tagOf(process.pid));
      await work.remove();
      assert.equal(existsSync(work.path), false);
      await work.remove(); // a second time does nothing
    });
  });

  it('the sweep removes those whose owner is gone or whose pid was reused, and keeps the live ones', async () => {
    await withTempDir(async (root) => {
      const sleeper = spawn('sleep', ['600'], { stdio: 'ignore' });
      try {
        const ended = await runTool('sh', ['-c', 'echo $$']);
        const deadPid = Number(ended.stdout.trim());
        const [pid, start] = tagOf(process.pid).split(' ');
        const dead = await folder(root, 'dead01', `${deadPid} 1`);
        const reused = await folder(root, 'reuse1', `${pid} ${Number(start) + 1}`);
        const live = await folder(root, 'live01', tagOf(sleeper.pid!));
        const self = await folder(root, 'self01', tagOf(process.pid));
        const mine = await makeWorkDir(root);
        assert.equal(ownerAlive(tagOf(sleeper.pid!)), true);
        assert.equal(ownerAlive(`${deadPid} 1`), false);

        const removed = await sweepStaleWorkDirs(root);
        assert.deepEqual(removed.sort(), [dead, reused].sort());
        for (const path of [live, self, mine.path]) assert.ok(existsSync(path), path);
        await mine.remove();
      } finally {
        sleeper.kill('SIGKILL');
      }
    });
  });

  it('unfinished folders (no owner file) go once older than UNOWNED_STALE_MS; other names are left alone', async () => {
    await withTempDir(async (root) => {
      const young = await folder(root, 'young1');
      const old = await folder(root, 'old001');
      const past = (Date.now() - UNOWNED_STALE_MS - 60_000) / 1000;
      await utimes(old, past, past);
      const others = ['go-profiler-test-abc123', 'go-profiler-abc1234', `${WORK_DIR_PREFIX}toolong1`];
      for (const name of others) await mkdir(join(root, name));
      await writeFile(join(root, `${WORK_DIR_PREFIX}file01`), 'a file, not a folder');
      for (const name of others) await utimes(join(root, name), past, past);

      assert.deepEqual(await sweepStaleWorkDirs(root), [old]);
      assert.ok(existsSync(young));
      for (const name of [...others, `${WORK_DIR_PREFIX}file01`]) assert.ok(existsSync(join(root, name)), name);
    });
  });

  it('build folders of earlier versions (no owner file) go once a day old, if they hold an overlay', async () => {
    await withTempDir(async (root) => {
      const old = join(root, 'go-profiler-Ab12Cd');
      const young = join(root, 'go-profiler-Ef34Gh');
      const notOurs = join(root, 'go-profiler-Ij56Kl');
      for (const path of [old, young, notOurs]) await mkdir(path);
      for (const path of [old, young]) await writeFile(join(path, 'overlay.json'), '{}');
      const past = (Date.now() - LEGACY_STALE_MS - 60_000) / 1000;
      for (const path of [old, notOurs]) await utimes(path, past, past);

      assert.deepEqual(await sweepStaleWorkDirs(root), [old]);
      assert.ok(existsSync(young));
      assert.ok(existsSync(notOurs));
    });
  });

  it('a process that exits with its folder in use removes it on the way out', async () => {
    await withTempDir(async (root) => {
      const child = await runTool(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'work-dir-exit-entry.ts'), root]);
      assert.equal(child.code, 0, child.stderr);
      const path = child.stdout.trim();
      assert.ok(path.startsWith(join(root, WORK_DIR_PREFIX)), path);
      assert.equal(existsSync(path), false);
    });
  });
});
