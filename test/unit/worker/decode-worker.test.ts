// Spawns the real decode worker thread (bundled with esbuild like dist/decode-worker.js).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ChannelClosedError, RemoteError } from '../../../src/shared/rpc';
import { ownedBytes, ProfileWorker } from '../../../src/worker/profile-worker';

const fixture = fileURLToPath(new URL('../../fixtures/profiles/large.cpu.pb.gz', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'decode-worker-test-'));
const script = join(dir, 'decode-worker.js');

before(async () => {
  const entry = fileURLToPath(new URL('../../../src/worker/decode-worker.ts', import.meta.url));
  await build({ entryPoints: [entry], outfile: script, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('the worker decodes large.cpu.pb.gz and answers top for each sample type', async () => {
  const worker = new ProfileWorker(script);
  try {
    const bytes = ownedBytes(readFileSync(fixture));
    const summary = await worker.request('open', { bytes, source: 'large.cpu.pb.gz', maxInflatedBytes: 1 << 30 });
    assert.equal(bytes.byteLength, 0, 'the file buffer was transferred, not copied');
    assert.equal(summary.sampleCount, 20430);
    assert.equal(summary.defaultSampleTypeIndex, 1);
    const cpu = await worker.request('top', { sampleIndex: 1 });
    assert.equal(cpu.rows[0]?.name, 'time.Now');
    assert.equal(cpu.rows[0]?.flatText, '205.17s');
    const samples = await worker.request('top', { sampleIndex: 0 });
    assert.equal(samples.rows[0]?.flat, 20517);
    assert.equal(samples.rows[0]?.flatPercent, '85.38%');
  } finally {
    await worker.terminate();
  }
});

test('a corrupt file comes back as the decoder message naming the file', async () => {
  const worker = new ProfileWorker(script);
  try {
    const corrupt = ownedBytes(readFileSync(fixture).subarray(0, 300));
    await assert.rejects(
      worker.request('open', { bytes: corrupt, source: 'corrupt.pb.gz', maxInflatedBytes: 1 << 30 }),
      (e: unknown) => e instanceof RemoteError && e.message.startsWith('corrupt.pb.gz: '),
    );
    // The worker survives a bad file and still answers.
    await assert.rejects(worker.request('top', { sampleIndex: 0 }), /corrupt\.pb\.gz: no profile is loaded/);
  } finally {
    await worker.terminate();
  }
});

test('terminating mid-decode rejects the pending request', async () => {
  const worker = new ProfileWorker(script);
  const pending = worker.request('open', { bytes: ownedBytes(readFileSync(fixture)), source: 'large.cpu.pb.gz', maxInflatedBytes: 1 << 30 });
  const rejected = assert.rejects(pending, ChannelClosedError);
  await worker.terminate();
  await rejected;
  await assert.rejects(worker.request('top', { sampleIndex: 0 }), ChannelClosedError);
});

test('ownedBytes keeps a buffer it owns whole and copies a view into a shared one', () => {
  const whole = new Uint8Array([1, 2, 3]);
  assert.equal(ownedBytes(whole), whole);
  const pool = new Uint8Array([9, 1, 2, 3, 9]);
  const view = pool.subarray(1, 4);
  const owned = ownedBytes(view);
  assert.notEqual(owned.buffer, pool.buffer);
  assert.deepEqual([...owned], [1, 2, 3]);
  assert.equal(owned.buffer.byteLength, 3);
});
