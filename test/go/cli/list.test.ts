/**
 * `go-profiler list REGEX FILE` byte for byte against `go tool pprof -list` run here, on real
 * profiles of the fixture programs (inlined callees, a regex matching several functions,
 * sample types, filters) and on a function that lives in a different file in the base profile.
 */
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCliMain as goProfiler } from '../../support/cli-main';
import { ensureGoFixtures, goEnv, run } from '../../support/go-fixtures';
import { goPprofRaw } from '../../support/go-pprof';
import { parsePprofList } from '../../support/pprof-list';
import { withTempDir } from '../capture/helpers';

async function assertSameList(ours: string[], theirs: string[], file: string): Promise<string> {
  const r = await goProfiler(['list', ...ours]);
  assert.equal(r.code, 0, r.err);
  const expected = await goPprofRaw(file, theirs);
  assert.equal(r.out, expected, `go-profiler list ${ours.join(' ')}`);
  return r.out;
}

/** A program whose work() allocates, in `fileName`; writes an exact heap profile to its argument. */
async function heapProgram(dir: string, fileName: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'go.mod'), 'module example.com/moved\n\ngo 1.22\n');
  await writeFile(
    join(dir, 'main.go'),
    'package main\n\nimport (\n\t"os"\n\t"runtime"\n\t"runtime/pprof"\n)\n\nvar keep [][]byte\n\n' +
      'func main() {\n\truntime.MemProfileRate = 1\n\twork()\n\truntime.GC()\n\tf, _ := os.Create(os.Args[1])\n\t_ = pprof.Lookup("allocs").WriteTo(f, 0)\n\t_ = f.Close()\n}\n',
  );
  await writeFile(
    join(dir, fileName),
    'package main\n\n//go:noinline\nfunc work() {\n\tfor i := 0; i < 100; i++ {\n\t\tkeep = append(keep, make([]byte, 4096))\n\t}\n}\n',
  );
  const profile = join(dir, 'allocs.pb.gz');
  await run('go', ['run', '.', profile], { cwd: dir, env: goEnv() });
  return profile;
}

describe('go-profiler list equals go tool pprof -list (real Go, real pprof)', () => {
  it('fixture profiles: several functions, inlined callees, sample types and filters', async () => {
    const fx = await ensureGoFixtures();
    const several = await assertSameList(['main\\.', fx.cpu], ['-list=main\\.'], fx.cpu);
    assert.ok((several.match(/^ROUTINE/gm) ?? []).length >= 5, 'the regex matches several functions');
    const inlined = await assertSameList(['main\\.burnMedium|main\\.mediumStep', fx.cpu], ['-list=main\\.burnMedium|main\\.mediumStep'], fx.cpu);
    assert.match(inlined, /ROUTINE =+ main\.mediumStep in /, 'the inlined callee has its own routine');
    assert.ok(parsePprofList(inlined, '').length > 0, 'lines with costs');
    await assertSameList(['main\\.', fx.cpu, '--focus', 'burn', '--noinlines'], ['-list=main\\.', '-focus=burn', '-noinlines'], fx.cpu);
    await assertSameList(['.', fx.heap, '--sample-index', 'alloc_space'], ['-list=.', '-sample_index=alloc_space'], fx.heap);
    await assertSameList(['runtime\\.mallocgc', fx.allocs, '--sample-index=inuse_objects'], ['-list=runtime\\.mallocgc', '-sample_index=inuse_objects'], fx.allocs);
    await assertSameList(['main', fx.block], ['-list=main'], fx.block);
  });

  it('a function in a different file of the base profile: one routine per file', async () => {
    await withTempDir(async (dir) => {
      const now = await heapProgram(join(dir, 'now'), 'work.go');
      const before = await heapProgram(join(dir, 'before'), 'older.go');
      const out = await assertSameList(['main\\.work', now, '--diff-base', before], ['-list=main\\.work', `-diff_base=${before}`], now);
      assert.match(out, /ROUTINE =+ main\.work in .*\/before\/older\.go\n/);
      assert.match(out, /ROUTINE =+ main\.work in .*\/now\/work\.go\n/);
    });
  });

  it('no matching function: exit 2 with one line', async () => {
    const fx = await ensureGoFixtures();
    const r = await goProfiler(['list', 'no_such_function', fx.cpu]);
    assert.equal(r.code, 2);
    assert.equal(r.err, 'go-profiler: list: no matches found for regexp: no_such_function\n');
  });
});
