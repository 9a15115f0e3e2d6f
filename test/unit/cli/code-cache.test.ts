/** dist/cli.js's start from V8's code cache (src/cli/code-cache.ts): used when it fits, never stale. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { BUILD_ID_PREFIX, buildId, cachedDataFor, cacheFile, codeCachePath, loadBundle } from '../../../src/cli/code-cache';

const scratch = mkdtempSync(join(tmpdir(), 'code-cache-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A CommonJS "bundle" whose `answer()` returns `value`, stamped with `id`. */
function bundle(path: string, value: string, id: string): void {
  writeFileSync(path, `exports.answer = function () { return ${JSON.stringify(value)}; };\nexports.file = __filename;\n${BUILD_ID_PREFIX}${id}\n`);
}

/** Loads `path` from source, runs it, and writes its cache as the build does. */
function makeCache(path: string): void {
  const loaded = loadBundle(path, false);
  (loaded.exports.answer as () => string)();
  writeFileSync(codeCachePath(path), cacheFile(loaded.id!, loaded.script.createCachedData()));
}

test('the build id is the stamp at the end of the bundle, 16 hex digits, or none', () => {
  assert.equal(buildId(`x\n${BUILD_ID_PREFIX}0123456789abcdef\n`), '0123456789abcdef');
  assert.equal(buildId('x\n'), undefined);
  assert.equal(buildId(`x\n${BUILD_ID_PREFIX}0123\n`), undefined);
  assert.equal(buildId(`x\n${BUILD_ID_PREFIX}0123456789abcdeg\n`), undefined);
});

test("a cache is V8's data only for the bundle whose id it starts with", () => {
  const data = Buffer.from([1, 2, 3]);
  const file = cacheFile('0123456789abcdef', data);
  assert.deepEqual(cachedDataFor(file, '0123456789abcdef'), data);
  assert.equal(cachedDataFor(file, 'fedcba9876543210'), undefined);
  assert.equal(cachedDataFor(file, undefined), undefined);
  assert.equal(cachedDataFor(undefined, '0123456789abcdef'), undefined);
  assert.equal(cachedDataFor(Buffer.from('0123456789abcdef'), '0123456789abcdef'), undefined);
});

test('a bundle starts from its cache, runs as the CommonJS script it is, and without a cache from source', () => {
  const path = join(scratch, 'fits.js');
  bundle(path, 'first', '00000000000000aa');
  const fresh = loadBundle(path);
  assert.equal(fresh.cached, false, 'no cache yet');
  makeCache(path);
  const warm = loadBundle(path);
  assert.equal(warm.cached, true);
  assert.equal((warm.exports.answer as () => string)(), 'first');
  assert.equal(warm.exports.file, path);
});

test('a bundle rebuilt to the same length with a new id ignores the old cache and runs its new code', () => {
  const path = join(scratch, 'rebuilt.js');
  bundle(path, 'old!', '00000000000000bb');
  makeCache(path);
  // V8 itself checks a cache against the source's length only: this rebuild has the same length.
  bundle(path, 'new!', '00000000000000cc');
  const loaded = loadBundle(path);
  assert.equal(loaded.cached, false);
  assert.equal((loaded.exports.answer as () => string)(), 'new!');
});
