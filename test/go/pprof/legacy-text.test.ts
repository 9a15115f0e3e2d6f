// The Go runtime's own text profiles (?debug=1, ?debug=2) are named as unsupported formats.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { test } from 'node:test';
import { decodeProfile, ProfileError } from '../../../src/pprof/index';
import { inflateNode } from '../../../src/pprof/inflate-node';
import { buildOnce, goEnv, goVersion, hashTree, repoRoot, run } from '../../support/go-fixtures';

const programDir = join(repoRoot, 'test', 'go', 'pprof', 'legacy-text');

async function legacyTextProfiles(): Promise<string> {
  const dir = join(repoRoot, '.cache', 'legacy-text', await hashTree(programDir, await goVersion()));
  await buildOnce(dir, async (temp) => {
    await run('go', ['run', join(programDir, 'main.go'), temp], { cwd: programDir, env: goEnv({ GO111MODULE: 'on' }) });
  });
  return dir;
}

const expected: [string, RegExp][] = [
  ['heap.debug1.txt', /legacy text "heap profile"/],
  ['allocs.debug1.txt', /legacy text "heap profile"/],
  ['goroutine.debug1.txt', /legacy text "goroutine profile"/],
  ['threadcreate.debug1.txt', /legacy text "threadcreate profile"/],
  ['block.debug1.txt', /legacy text contention profile/],
  ['mutex.debug1.txt', /legacy text contention profile/],
  ['goroutine.debug2.txt', /goroutine stack dump/],
];

test('Go text profiles, plain or gzipped, are named as unsupported', { timeout: 180_000 }, async () => {
  const dir = await legacyTextProfiles();
  for (const [name, pattern] of expected) {
    const path = join(dir, name);
    const bytes = await readFile(path);
    for (const input of [bytes, gzipSync(bytes)]) {
      assert.throws(
        () => decodeProfile(input, { source: path, inflate: inflateNode }),
        (error: unknown) => {
          assert.ok(error instanceof ProfileError, `${name}: ${String(error)}`);
          assert.ok(error.message.startsWith(`${path}: `));
          assert.match(error.problem, pattern, name);
          assert.match(error.problem, /not supported/, name);
          return true;
        },
      );
    }
  }
});
