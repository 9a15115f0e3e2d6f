// A cold build (empty Go build cache, as after `go clean -cache` or on a new machine) with the
// agent: `go build -v` names each package as it compiles it and the build reports them; Cancel
// (the abort signal) ends `go build` and the compiler processes it started, and the build
// rejects saying it was cancelled.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildWithAgent } from '../../../src/capture/build';
import type { BuildProgress } from '../../../src/capture/build-progress';
import { CaptureError } from '../../../src/capture/errors';
import { processesWithEnv, type LiveProcess } from '../../support/live-processes';
import { FIXTURES, withTempDir } from './helpers';

const isCompiler = (p: LiveProcess): boolean => /(^|\/)compile$/.test(p.argv[0] ?? '');
const isGoBuild = (p: LiveProcess): boolean => p.argv.includes('build') && p.argv.includes('-overlay');

function goLines(args: string[], cwd: string): string[] {
  return execFileSync('go', args, { cwd, encoding: 'utf8' }).split('\n').filter((l) => l !== '');
}

describe('a cold agent build (empty GOCACHE, real Go)', { skip: process.platform !== 'linux' && 'reads /proc' }, () => {
  it('reports the packages go build -v compiles; Cancel ends go build and its compile children', async () => {
    await withTempDir(async (dir) => {
      const cacheVar = `GOCACHE=${join(dir, 'gocache')}`;
      const saved = process.env.GOCACHE;
      process.env.GOCACHE = join(dir, 'gocache');
      try {
        // The oracle: the go command's own lists, not the build's.
        const known = new Set([...goLines(['list', 'std'], FIXTURES), ...goLines(['list', '-f', '{{.ImportPath}}', './shortrun'], FIXTURES)]);
        const programDeps = goLines(['list', '-deps', './shortrun'], FIXTURES).length;
        const reports: BuildProgress[] = [];
        let seen: LiveProcess[] = [];
        const abort = new AbortController();
        const building = buildWithAgent({
          go: 'go',
          pattern: './shortrun',
          cwd: FIXTURES,
          signal: abort.signal,
          onProgress: (p) => {
            reports.push(p);
            if (abort.signal.aborted || reports.length < 3) return;
            // Cancel once go build has a compiler running, as a user would mid-build.
            const now = processesWithEnv(cacheVar);
            if (now.some(isGoBuild) && now.some(isCompiler)) {
              seen = now;
              abort.abort();
            }
          },
        });
        await assert.rejects(building, (e: unknown) => {
          assert.ok(e instanceof CaptureError, String(e));
          assert.equal(e.failure, 'cancelled');
          assert.match(e.message, /^build of \.\/shortrun cancelled$/);
          return true;
        });
        assert.ok(seen.length > 0, `no compiler was seen running during the build (${reports.length} packages reported)`);
        for (const [i, p] of reports.entries()) {
          assert.ok(known.has(p.compiling), `reported package ${p.compiling} is not one go list knows`);
          assert.equal(p.done, i + 1);
          assert.ok(p.total >= programDeps, `total ${p.total} < the program's own ${programDeps} packages`);
        }
        const left = processesWithEnv(cacheVar);
        assert.deepEqual(
          left.map((p) => p.argv.join(' ')),
          [],
          `seen before Cancel: ${seen.map((p) => `${p.pid} ${p.argv[0]}`).join(', ')}`,
        );
      } finally {
        if (saved === undefined) delete process.env.GOCACHE;
        else process.env.GOCACHE = saved;
      }
    });
  });
});
