// Whole-run mode on a 200 ms program (real Go): CPU from start to exit, heap and allocs at
// the return of main, pointing at the program's real lines.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { topTable } from '../../../src/analysis/top';
import { launchWithAgent } from '../../../src/capture/launcher';
import { saveCaptureResult, sessionContext } from '../../../src/capture/save-capture';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import { FIXTURES, row, top, withTempDir, topProgramFunction } from './helpers';

describe('whole-run mode (real Go)', () => {
  it('yields CPU, heap and allocs for a program that returns from main', async () => {
    await withTempDir(async (dir) => {
      const session = await launchWithAgent({ pattern: './shortrun', cwd: FIXTURES, wholeRun: true, stdio: 'pipe' });
      try {
        const exit = await session.program.exited;
        assert.equal(exit.code, 0);
        const results = await session.wholeRunResults();
        assert.deepEqual(results.map((r) => r.kind), ['cpu', 'heap', 'allocs']);
        const paths = new Map<string, string>();
        for (const r of results) {
          paths.set(r.kind, (await saveCaptureResult(dir, r, sessionContext(session), { source: 'whole-run' })).profilePath);
        }

        assert.equal(topProgramFunction(await top(paths.get('cpu')!)), 'main.burnShort');
        const heap = await top(paths.get('heap')!, 'inuse_space');
        assert.equal(heap.rows[0]?.name, 'main.allocateShort');
        assert.ok((row(await top(paths.get('allocs')!, 'alloc_space'), 'main.allocateShort')?.flat ?? 0) > 0);

        // main.go was replaced by a rewritten copy: lines below main must still be right.
        const source = (await readFile(join(FIXTURES, 'shortrun', 'main.go'), 'utf8')).split('\n');
        const lines = topTable(await readProfileFile(paths.get('cpu')!), { granularity: 'lines' });
        const hottest = lines.rows.find((r) => !r.name.startsWith('runtime.'))!;
        assert.ok(hottest.file.endsWith('shortrun/main.go'), hottest.file);
        assert.match(source[hottest.line - 1] ?? '', /x = x\*6364136223846793005|i < 100000|time\.Since/);
      } finally {
        await session.dispose();
      }
    });
  });

  it('yields no profiles when the program gets no chance to write them (SIGKILL; os.Exit does: recording-at-exit.test.ts)', async () => {
    const session = await launchWithAgent({ pattern: './workload', cwd: FIXTURES, wholeRun: true, stdio: 'pipe' });
    try {
      await session.ready;
      process.kill(session.program.pid, 'SIGKILL');
      assert.equal((await session.program.exited).signal, 'SIGKILL');
      assert.deepEqual(await session.wholeRunResults(), []);
    } finally {
      await session.dispose();
    }
  });
});
