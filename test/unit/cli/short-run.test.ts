/** The CLI's V8 tuning for a small profile (src/cli/short-run.ts): decided by the inflated size of the files read. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { shortRunFlags, SHORT_RUN_MAX_BYTES } from '../../../src/cli/short-run';

test('small files (inflated size, as their gzip trailer says) get the longer interrupt budget; big ones, alone or together, V8\'s default', () => {
  const small = new Uint8Array(1000);
  assert.equal(shortRunFlags([small]), '--interrupt-budget=2162688');
  assert.equal(shortRunFlags([new Uint8Array(SHORT_RUN_MAX_BYTES)]), '--interrupt-budget=2162688');
  assert.equal(shortRunFlags([new Uint8Array(SHORT_RUN_MAX_BYTES + 1)]), undefined);
  // 2 MB of zeros gzip to a few KB: the inflated size decides.
  const zeros = gzipSync(new Uint8Array(2 * SHORT_RUN_MAX_BYTES));
  assert.ok(zeros.length < 10_000);
  assert.equal(shortRunFlags([zeros]), undefined);
  assert.equal(shortRunFlags([gzipSync(small)]), '--interrupt-budget=2162688');
  const half = new Uint8Array(SHORT_RUN_MAX_BYTES / 2 + 1);
  assert.equal(shortRunFlags([half, half]), undefined, 'a profile and its base count together');
});
