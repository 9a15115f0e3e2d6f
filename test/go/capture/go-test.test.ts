// Profiling one test or benchmark with go test (real Go).
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CaptureError } from '../../../src/capture/errors';
import { goTestArgs, profileGoTest } from '../../../src/capture/go-test';
import { readTrace } from '../../../src/trace/read';
import { traceCounts } from '../../../src/trace/summary';
import { parsedByGoTool } from '../../support/go-trace';
import { FIXTURES, row, top, withTempDir, topProgramFunction } from './helpers';

const PKG = join(FIXTURES, 'benchy');
const HOT = 'example.com/gocapture/benchy.Hot';

describe('go test arguments', () => {
  it('selects exactly one test or benchmark', () => {
    const t = goTestArgs({ test: 'TestHot' }, '/p');
    assert.deepEqual(t.slice(0, 4), ['test', '-count=1', '-run', '^TestHot$']);
    assert.ok(t.includes('-cpuprofile') && t.includes('-memprofile') && t.includes('-blockprofile') && t.includes('-mutexprofile') && t.includes('-trace'));
    assert.deepEqual(goTestArgs({ bench: 'BenchmarkHot' }, '/p').slice(2, 6), ['-bench', '^BenchmarkHot$', '-run', '^$']);
    assert.throws(() => goTestArgs({}, '/p'), /exactly one test/);
    assert.throws(() => goTestArgs({ test: 'TestA', bench: 'BenchmarkB' }, '/p'), /exactly one test/);
    assert.throws(() => goTestArgs({ test: 'Test.*' }, '/p'), /exactly one test/);
  });
});

describe('profileGoTest (real Go)', () => {
  it('profiles a test: cpu, heap, block, mutex and a trace saved; the hot function on top', async () => {
    await withTempDir(async (dir) => {
      const result = await profileGoTest({ pkgDir: PKG, test: 'TestHot', outDir: dir });
      assert.equal(result.passed, true, result.output);
      assert.deepEqual(result.saved.map((s) => s.sidecar.capture.kind), ['cpu', 'heap', 'block', 'mutex', 'trace']);
      const [cpu, , block, mutex, trace] = result.saved;
      // The trace: saved as .trace beside the profiles, read by go tool trace and by us alike.
      assert.match(trace!.profilePath, /benchy\.TestHot-trace-\d{8}T\d{6}Z\.trace$/);
      const { lines } = await parsedByGoTool(trace!.profilePath);
      assert.equal(traceCounts(readTrace(await readFile(trace!.profilePath), trace!.profilePath)).events, lines.length);
      assert.equal(topProgramFunction(await top(cpu!.profilePath)), HOT);
      assert.match(cpu!.profilePath, /benchy\.TestHot-cpu-\d{8}T\d{6}Z\.pb\.gz$/);
      assert.equal(cpu!.sidecar.capture.source, 'go-test');
      assert.equal(cpu!.sidecar.capture.test, 'TestHot');
      assert.ok((row(await top(mutex!.profilePath), 'example.com/gocapture/benchy.Contend.func1')?.cum ?? 0) > 0);
      assert.ok((await top(block!.profilePath)).total > 0);
    });
  });

  it('profiles a benchmark', async () => {
    await withTempDir(async (dir) => {
      const result = await profileGoTest({ pkgDir: PKG, bench: 'BenchmarkHot', outDir: dir, extraFlags: ['-benchtime=300ms'] });
      assert.equal(result.passed, true, result.output);
      assert.match(result.output, /BenchmarkHot/);
      assert.equal(topProgramFunction(await top(result.saved[0]!.profilePath)), HOT);
    });
  });

  it('keeps the profiles of a failing test and says it failed', async () => {
    await withTempDir(async (dir) => {
      const result = await profileGoTest({ pkgDir: PKG, test: 'TestFails', outDir: dir });
      assert.equal(result.passed, false);
      assert.match(result.output, /this test fails on purpose/);
      assert.equal(result.saved.length, 5);
    });
  });

  it('reports a package that does not build', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'go.mod'), 'module example.com/b\n\ngo 1.21\n');
      await writeFile(join(dir, 'b_test.go'), 'package b\n\nimport "testing"\n\nfunc TestB(t *testing.T) { notDeclared() }\n');
      await assert.rejects(profileGoTest({ pkgDir: dir, test: 'TestB', outDir: join(dir, 'out') }), (e: unknown) => {
        assert.ok(e instanceof CaptureError);
        assert.equal(e.failure, 'build-failed');
        assert.match(e.message, /go test TestB in .* wrote no profiles/);
        assert.match(e.details, /undefined: notDeclared/);
        return true;
      });
    });
  });
});
