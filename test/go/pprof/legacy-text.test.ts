// The Go runtime's own text profiles: ?debug=1 ones read as go tool pprof reads them (its reports
// compared, run in the test), the ?debug=2 goroutine dump named as an unsupported format.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { test } from 'node:test';
import { decodeProfile, ProfileError } from '../../../src/pprof/index';
import { inflateNode } from '../../../src/pprof/inflate-node';
import { buildOnce, goEnv, goVersion, hashTree, repoRoot, run } from '../../support/go-fixtures';
import { goPprofRaw } from '../../support/go-pprof';
import { main } from '../../../src/cli/main';

const programDir = join(repoRoot, 'test', 'go', 'pprof', 'legacy-text');

async function legacyTextProfiles(): Promise<string> {
  const dir = join(repoRoot, '.cache', 'legacy-text', await hashTree(programDir, await goVersion()));
  await buildOnce(dir, async (temp) => {
    await run('go', ['run', join(programDir, 'main.go'), temp], { cwd: programDir, env: goEnv({ GO111MODULE: 'on' }) });
  });
  return dir;
}

const DEBUG1 = ['heap', 'allocs', 'goroutine', 'threadcreate', 'block', 'mutex'].map((n) => `${n}.debug1.txt`);

async function cli(args: readonly string[]): Promise<string> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  assert.equal(code, 0, `go-profiler ${args.join(' ')}: ${err}`);
  return out;
}

test('Go debug=1 text profiles, plain or gzipped, read as go tool pprof reads them', { timeout: 300_000 }, async () => {
  const dir = await legacyTextProfiles();
  for (const name of DEBUG1) {
    const path = join(dir, name);
    const gzipped = join(dir, `${name}.gz`);
    await writeFile(gzipped, gzipSync(await readFile(path)));
    for (const [ours, theirs] of [
      [['top'], ['-top']],
      [['traces'], ['-traces']],
    ] as const) {
      const expected = await goPprofRaw(path, theirs);
      assert.equal(await cli([ours[0], path, '--symbolize', 'none']), expected, `${name} ${theirs[0]}`);
      assert.equal(await cli([ours[0], gzipped, '--symbolize', 'none']), expected, `${name}.gz ${theirs[0]}`);
    }
  }
});

test('the debug=2 goroutine dump is named as unsupported', { timeout: 180_000 }, async () => {
  const path = join(await legacyTextProfiles(), 'goroutine.debug2.txt');
  const bytes = await readFile(path);
  for (const input of [bytes, gzipSync(bytes)]) {
    assert.throws(
      () => decodeProfile(input, { source: path, inflate: inflateNode }),
      (error: unknown) => {
        assert.ok(error instanceof ProfileError, String(error));
        assert.ok(error.message.startsWith(`${path}: `));
        assert.match(error.problem, /goroutine stack dump/);
        assert.match(error.problem, /not supported/);
        return true;
      },
    );
  }
});
