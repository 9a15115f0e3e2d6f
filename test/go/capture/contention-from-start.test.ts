// Block and mutex captures of contention that began before them (real Go): sampling runs
// from program start, so a capture shows the user's contending function, in
// sync.(*Mutex).Unlock (mutex) and Lock (block), and a wait that began 2 s before it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { topTable, type TopTable } from '../../../src/analysis/top';
import { launchWithAgent } from '../../../src/capture/launcher';
import { saveCaptureResult, sessionContext } from '../../../src/capture/save-capture';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import { goPprofTop } from '../../support/go-pprof';
import { assertSameTop } from '../../fidelity/analysis/top-oracle';
import { TRUST_FIXTURES, row, withTempDir } from './helpers';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Saves nothing; reads a saved file's table for `sampleIndex` and checks it against go tool pprof. */
async function checkedTop(path: string, sampleIndex: string): Promise<TopTable> {
  const ours = topTable(await readProfileFile(path), { sampleIndex });
  assertSameTop(ours, await goPprofTop(path, { sampleIndex }), `${path} ${sampleIndex}`);
  return ours;
}

describe('contention that began before the capture (real Go)', () => {
  it('mutex and block captures taken 2 s into the contention show the contending function and the 2 s wait', async () => {
    await withTempDir(async (dir) => {
      const session = await launchWithAgent({ pattern: './contention', cwd: TRUST_FIXTURES, stdio: 'pipe' });
      let out = '';
      session.program.child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
      try {
        await session.ready;
        while (!out.includes('contention ready')) await sleep(20);
        await sleep(2000);
        const mutex = session.capture({ kind: 'mutex', seconds: 3 });
        const block = session.capture({ kind: 'block', seconds: 3 });
        // The waiter has waited since the start; release it inside the windows.
        await sleep(1000);
        session.program.child.stdin!.write('release\n');
        const context = sessionContext(session);
        const paths = new Map<string, string>();
        for (const result of await Promise.all([mutex, block])) {
          paths.set(result.kind, (await saveCaptureResult(dir, result, context, { source: 'agent' })).profilePath);
        }

        for (const sampleIndex of ['contentions', 'delay']) {
          const table = await checkedTop(paths.get('mutex')!, sampleIndex);
          assert.ok((row(table, 'main.holdShared')?.cum ?? 0) > 0, `mutex ${sampleIndex}: ${table.rows.map((r) => r.name).join(', ')}`);
          assert.ok((row(table, 'sync.(*Mutex).Unlock')?.flat ?? 0) > 0, `mutex ${sampleIndex}`);
        }
        for (const sampleIndex of ['contentions', 'delay']) {
          const table = await checkedTop(paths.get('block')!, sampleIndex);
          assert.ok((row(table, 'main.holdShared')?.cum ?? 0) > 0, `block ${sampleIndex}: ${table.rows.map((r) => r.name).join(', ')}`);
          assert.ok((row(table, 'sync.(*Mutex).Lock')?.flat ?? 0) > 0, `block ${sampleIndex}`);
        }
        // The wait began before the window (at program start, 3 s earlier): all of it is there.
        const delay = await checkedTop(paths.get('block')!, 'delay');
        assert.ok((row(delay, 'main.awaitRelease')?.cum ?? 0) >= 2e9, `awaitRelease waited ${row(delay, 'main.awaitRelease')?.cum} ns`);
      } finally {
        await session.dispose();
      }
    });
  });
});
