// No frame, sample or goroutine of the agent in any saved capture (real Go). Every
// allocation is sampled (GODEBUG=memprofilerate=1) and every contention event (rates 1), and
// captures are taken while CPU records, so the agent's own work would show if it were kept.
// Each saved file must read in `go tool pprof` as in the views.
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { packageOfFunction } from '../../../src/analysis/source-paths';
import { topTable } from '../../../src/analysis/top';
import type { CaptureKind, CaptureResult } from '../../../src/capture/capture-kinds';
import { launchWithAgent, type ProfilerSession } from '../../../src/capture/launcher';
import { saveCaptureResult, sessionContext } from '../../../src/capture/save-capture';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import { goPprofTop } from '../../support/go-pprof';
import { assertSameTop } from '../../fidelity/analysis/top-oracle';
import { FIXTURES, row, withTempDir } from './helpers';

const EVERYTHING_SAMPLED = { env: { GODEBUG: 'memprofilerate=1' }, sampling: { mutexProfileFraction: 1, blockProfileRate: 1 } };

/** Saves `result`, then checks the file: nothing of the agent, go tool pprof's numbers; returns its path. */
async function checkSaved(dir: string, session: ProfilerSession, result: CaptureResult): Promise<string> {
  const what = `${result.kind} capture`;
  const bytes = gunzipSync(result.profile).toString('latin1');
  assert.doesNotMatch(bytes, /goprofilerAgent/, `${what}: an agent name in the file`);
  assert.doesNotMatch(bytes, /go_profiler/, `${what}: the agent's label in the file`);
  const path = (await saveCaptureResult(dir, result, sessionContext(session), { source: 'agent' })).profilePath;
  const profile = await readProfileFile(path);
  for (let f = 0; f < profile.functions.count; f++) {
    const name = profile.strings[profile.functions.name[f]!]!;
    const pkg = packageOfFunction(name);
    assert.ok(pkg === undefined || !session.build.agentOnlyPackages.has(pkg), `${what}: ${name} is only the agent's`);
  }
  for (const type of profile.sampleTypes) {
    assertSameTop(topTable(profile, { sampleIndex: type.type }), await goPprofTop(path, { sampleIndex: type.type }), `${what} ${type.type}`);
  }
  if (result.text !== undefined) assert.doesNotMatch(result.text, /goprofilerAgent|net\/http/, `${what}: the agent in the goroutine dump`);
  return path;
}

describe('the agent is absent from every capture (real Go)', () => {
  it('cpu, heap, heap-nogc, allocs, goroutine (and its dump), block, mutex, threadcreate', async () => {
    await withTempDir(async (dir) => {
      const session = await launchWithAgent({
        pattern: './workload',
        cwd: FIXTURES,
        stdio: 'pipe',
        args: ['-burn', '-contend', '4', '-block', '-sleepers', '2', '-retain', '4'],
        ...EVERYTHING_SAMPLED,
      });
      try {
        await session.ready;
        assert.ok(session.build.agentOnlyPackages.has('net/http'), 'the workload does not import net/http; the agent does');
        const cpu = session.capture({ kind: 'cpu', seconds: 3 });
        const during: CaptureKind[] = ['heap', 'allocs', 'goroutine', 'threadcreate', 'heap-nogc'];
        for (let round = 0; round < 3; round++) for (const kind of during) await session.capture({ kind });
        const results = [await cpu];
        results.push(...(await Promise.all([session.capture({ kind: 'block', seconds: 1 }), session.capture({ kind: 'mutex', seconds: 1 })])));
        for (const kind of during) results.push(await session.capture({ kind }));

        const paths = new Map<string, string>();
        for (const result of results) paths.set(result.kind, await checkSaved(dir, session, result));
        // What the program did is still there.
        const has = async (kind: string, name: string, sampleIndex?: string): Promise<void> => {
          const table = topTable(await readProfileFile(paths.get(kind)!), sampleIndex === undefined ? {} : { sampleIndex });
          assert.ok((row(table, name)?.cum ?? 0) > 0, `${kind}: ${name} missing from ${table.rows.map((r) => r.name).join(', ')}`);
        };
        await has('cpu', 'main.burnCPU');
        await has('heap', 'main.allocateRetained', 'inuse_space');
        await has('allocs', 'main.allocateRetained', 'alloc_space');
        await has('goroutine', 'main.parkForever');
        await has('block', 'main.blockOnChannel');
        await has('mutex', 'main.holdLock');
      } finally {
        await session.dispose();
      }
    });
  });

  it('whole-run CPU, heap and allocs, with the user\'s main named main.main', async () => {
    await withTempDir(async (dir) => {
      const session = await launchWithAgent({ pattern: './shortrun', cwd: FIXTURES, wholeRun: true, stdio: 'pipe', ...EVERYTHING_SAMPLED });
      try {
        assert.equal((await session.program.exited).code, 0);
        const results = await session.wholeRunResults();
        assert.deepEqual(results.map((r) => r.kind), ['cpu', 'heap', 'allocs']);
        for (const result of results) {
          const path = await checkSaved(dir, session, result);
          const table = topTable(await readProfileFile(path), {});
          assert.ok((row(table, 'main.main')?.cum ?? 0) > 0, `${result.kind}: main.main missing from ${table.rows.map((r) => r.name).join(', ')}`);
        }
      } finally {
        await session.dispose();
      }
    });
  });
});
