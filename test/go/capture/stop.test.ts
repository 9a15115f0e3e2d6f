// Stop ends a program that ignores SIGINT and SIGTERM, and every process it started, after
// the grace period (real Go: test/fixtures/go-capture/stubborn). Processes are counted
// with ps, independently of the /proc reading the product uses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { join } from 'node:path';
import { findGo } from '../../../src/capture/find-go';
import { launchWithAgent } from '../../../src/capture/launcher';
import { runTool, STOP_GRACE_MS } from '../../../src/capture/process';
import { FIXTURES, withTempDir } from './helpers';

interface PsRow {
  readonly pid: number;
  readonly ppid: number;
  readonly stat: string;
}

async function ps(): Promise<PsRow[]> {
  const out = await runTool('ps', ['-e', '-o', 'pid=,ppid=,stat=']);
  assert.equal(out.code, 0, out.stderr);
  return out.stdout
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .map(([pid, ppid, stat]) => ({ pid: Number(pid), ppid: Number(ppid), stat: stat ?? '' }));
}

/** Of `pids`, those still running (zombies have exited; only their parent's wait is missing). */
async function running(pids: readonly number[]): Promise<number[]> {
  const rows = await ps();
  return pids.filter((pid) => rows.some((r) => r.pid === pid && !r.stat.startsWith('Z')));
}

/** Running descendants of `root` (root included) by parent links. */
async function descendants(root: number): Promise<number[]> {
  const rows = (await ps()).filter((r) => !r.stat.startsWith('Z'));
  const found = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of rows) {
      if (found.has(r.ppid) && !found.has(r.pid)) {
        found.add(r.pid);
        grew = true;
      }
    }
  }
  return rows.filter((r) => found.has(r.pid)).map((r) => r.pid);
}

describe('stopping a program that ignores SIGINT and SIGTERM (real Go)', () => {
  it('Stop resolves after the grace period with SIGKILL, and no process of its tree is left, the one that left the group included', async (t) => {
    const session = await launchWithAgent({ pattern: './stubborn', cwd: FIXTURES, stdio: 'pipe' });
    let pids: number[] = [];
    let out = '';
    session.program.child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    try {
      while (!/stubborn ready/.test(out)) {
        if (session.program.hasExited()) throw new Error(`stubborn exited early: ${out}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      pids = /stubborn ready ([\d ]+)/.exec(out)![1]!.trim().split(' ').map(Number);
      const [parent, inner, escaper, grand] = pids as [number, number, number, number];
      assert.equal(parent, session.program.pid);
      assert.deepEqual(await running(pids), pids, 'the whole tree runs');
      assert.deepEqual((await descendants(parent)).sort(), [...pids].sort(), 'exactly these four processes descend from the program');
      session.program.signal('SIGINT');

      const began = performance.now();
      const exit = await session.stop();
      const tookMs = performance.now() - began;

      assert.deepEqual(exit, { code: null, signal: 'SIGKILL' });
      assert.deepEqual(await running(pids), [], 'no process of the tree is left');
      // Each process got SIGTERM (the grace period's request) and ignored it, so it was SIGKILLed.
      for (const [role, pid] of [['parent', parent], ['inner', inner], ['escaper', escaper], ['grand', grand]] as const) {
        assert.match(out, new RegExp(`^${role} ${pid}: ignoring terminated$`, 'm'), `${role} got SIGTERM`);
      }
      assert.match(out, new RegExp(`^parent ${parent}: ignoring interrupt$`, 'm'));
      t.diagnostic(`stop took ${tookMs.toFixed(0)} ms with a grace period of ${STOP_GRACE_MS} ms; processes before 4, after ${(await running(pids)).length}`);
    } finally {
      await session.dispose();
      // If Stop missed any, end them here: a survivor holding the output pipe would hang the run.
      for (const pid of await running(pids)) process.kill(pid, 'SIGKILL');
    }
  });

  it('when Node exits without stopping it (the extension host killed), the exit hook SIGKILLs the whole tree', async () => {
    await withTempDir(async (dir) => {
      const binary = join(dir, 'stubborn');
      const built = await runTool(findGo(), ['build', '-o', binary, './stubborn'], { cwd: FIXTURES });
      assert.equal(built.code, 0, built.stderr);
      const host = await runTool(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'exit-hook-entry.ts'), binary]);
      const pids = host.stdout.trim().split(' ').map(Number);
      try {
        assert.equal(pids.length, 4, `${host.stdout}${host.stderr}`);
        assert.equal(host.code, 0);
        // SIGKILL is delivered by the time kill() returns, but dying takes the kernel a moment.
        for (let i = 0; i < 100 && (await running(pids)).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
        assert.deepEqual(await running(pids), [], 'processes of the tree left after Node exited');
      } finally {
        for (const pid of await running(pids.filter((p) => p > 0))) process.kill(pid, 'SIGKILL');
      }
    });
  });

  it('a program that ends on SIGTERM is not made to wait for the grace period', async (t) => {
    const session = await launchWithAgent({ pattern: './workload', cwd: FIXTURES, stdio: 'pipe' });
    try {
      await session.ready;
      const began = performance.now();
      const exit = await session.stop();
      t.diagnostic(`stop took ${(performance.now() - began).toFixed(0)} ms`);
      // Ended by the SIGTERM itself, not by the SIGKILL that follows the grace period.
      assert.deepEqual(exit, { code: null, signal: 'SIGTERM' });
      assert.deepEqual(await running([session.program.pid]), []);
    } finally {
      await session.dispose();
    }
  });
});
