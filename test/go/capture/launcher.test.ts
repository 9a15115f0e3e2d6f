// Builds the workload fixture with the agent, captures every type while it runs, and
// checks each profile shows what the program did.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { ROUTES } from '../../../src/capture/agent-protocol';
import type { CaptureKind, CaptureRequest } from '../../../src/capture/capture-kinds';
import { CaptureError } from '../../../src/capture/errors';
import { launchWithAgent, type ProfilerSession } from '../../../src/capture/launcher';
import { saveCaptureResult, sessionContext } from '../../../src/capture/save-capture';
import { listProfiles, type SavedProfile } from '../../../src/store/profile-store';
import { FIXTURES, row, top, withTempDir, topProgramFunction } from './helpers';

const SLEEPERS = 7;

describe('launcher with the injected agent (real Go)', () => {
  let session: ProfilerSession;
  let output = '';

  before(async () => {
    session = await launchWithAgent({
      pattern: './workload',
      cwd: FIXTURES,
      args: ['-burn', '-contend', '3', '-block', '-sleepers', String(SLEEPERS), '-retain', '32', '-exit', '3'],
      stdio: 'pipe',
      // Every contention event recorded: this workload's lock drains between rounds, so at the
      // default 1-in-100 a 1 s window on a loaded machine can hold no sample of holdLock.
      // Default rates on an ongoing contention: contention-from-start.test.ts.
      sampling: { mutexProfileFraction: 1, blockProfileRate: 1 },
    });
    // The agent listens before main runs; wait until main has started its goroutines.
    await new Promise<void>((resolve, reject) => {
      session.program.child.stdout!.on('data', (b: Buffer) => {
        output += b.toString();
        if (output.includes('workload ready')) resolve();
      });
      void session.program.exited.then(() => reject(new Error(`workload exited early: ${output}`)));
    });
    await session.ready;
  });

  after(async () => {
    await session.dispose();
  });

  it('captures every type, saves each with a sidecar, and each shows what the program did', async () => {
    await withTempDir(async (dir) => {
      const requests: CaptureRequest[] = [
        { kind: 'cpu', seconds: 1 },
        { kind: 'block', seconds: 1 },
        { kind: 'mutex', seconds: 1 },
        { kind: 'heap' },
        { kind: 'heap-nogc' },
        { kind: 'allocs' },
        { kind: 'goroutine' },
        { kind: 'threadcreate' },
      ];
      const client = await session.ready;
      const saved = new Map<CaptureKind, SavedProfile>();
      await Promise.all(
        requests.map(async (r) => {
          const result = await session.capture(r);
          saved.set(r.kind, await saveCaptureResult(dir, result, sessionContext(session, client.address.goVersion), { source: 'agent' }));
        }),
      );

      const cpu = await top(saved.get('cpu')!.profilePath);
      assert.equal(topProgramFunction(cpu), 'main.burnCPU');

      const mutex = await top(saved.get('mutex')!.profilePath);
      assert.ok((row(mutex, 'main.holdLock')?.cum ?? 0) > 0, 'holdLock is in the mutex profile');

      const block = await top(saved.get('block')!.profilePath);
      assert.ok((row(block, 'main.blockOnChannel')?.cum ?? 0) > 0, 'blockOnChannel is in the block profile');

      const goroutines = await top(saved.get('goroutine')!.profilePath);
      assert.equal(row(goroutines, 'main.parkForever')?.cum, SLEEPERS);
      const dump = await readFile(saved.get('goroutine')!.textPath!, 'utf8');
      assert.equal(dump.split('main.parkForever(').length - 1, SLEEPERS);

      for (const kind of ['heap', 'heap-nogc'] as const) {
        const heap = await top(saved.get(kind)!.profilePath, 'inuse_space');
        assert.equal(heap.rows[0]?.name, 'main.allocateRetained', `${kind}: top in-use site`);
      }
      const allocs = await top(saved.get('allocs')!.profilePath, 'alloc_space');
      assert.ok((row(allocs, 'main.allocateRetained')?.flat ?? 0) > 0);

      const threads = await top(saved.get('threadcreate')!.profilePath);
      assert.equal(threads.sampleType.type, 'threadcreate');

      const listed = await listProfiles(dir);
      assert.equal(listed.length, requests.length);
      for (const item of listed) {
        assert.equal(item.sidecar?.program, 'workload');
        assert.equal(item.sidecar?.packagePath, 'example.com/gocapture/workload');
        assert.match(item.sidecar?.goVersion ?? '', /^go1\./);
        assert.equal(item.sidecar?.module?.path, 'example.com/gocapture');
      }
    });
  });

  const busy = (what: RegExp) => (e: unknown): boolean => {
    assert.ok(e instanceof CaptureError);
    assert.equal(e.failure, 'busy');
    assert.match(e.message, what);
    return true;
  };

  it('records CPU between start and stop, and refuses a second CPU recording meanwhile', async () => {
    await session.startCpu();
    let stopped = false;
    try {
      await assert.rejects(session.capture({ kind: 'cpu', seconds: 1 }), busy(/a CPU recording is already running/));
      await assert.rejects(session.startCpu(), busy(/a CPU recording is already running/));
      const result = await session.stopCpu();
      stopped = true;
      assert.equal(result.kind, 'cpu');
      assert.ok(result.profile.length > 0);
      await assert.rejects(session.stopCpu(), /no CPU recording was started/);
    } finally {
      if (!stopped) await session.stopCpu();
    }
  });

  it('refuses a second mutex recording while one records', async () => {
    const both = await Promise.allSettled([session.capture({ kind: 'mutex', seconds: 1 }), session.capture({ kind: 'mutex', seconds: 1 })]);
    const refused = both.filter((r) => r.status === 'rejected');
    assert.equal(refused.length, 1, 'exactly one of two simultaneous mutex recordings runs');
    busy(/a mutex recording is already running/)((refused[0] as PromiseRejectedResult).reason);
  });

  it('answers 403 without the token or with a wrong one', async () => {
    const client = await session.ready;
    assert.equal((await client.send('GET', ROUTES.heap, { token: '' })).status, 403);
    assert.equal((await client.send('GET', ROUTES.heap, { token: 'not-the-token' })).status, 403);
    assert.equal((await client.send('GET', ROUTES.heap)).status, 200);
  });

  it('passes the exit code through when the program ends', async () => {
    session.program.child.stdin!.end();
    const exit = await session.program.exited;
    assert.equal(exit.code, 3);
    assert.match(output, /workload ready/);
  });
});
