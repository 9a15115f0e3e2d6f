// gzip bombs: a small file that inflates far past the cap is refused with a ProfileError
// naming the file and the limit, by both inflaters, without the output growing past the cap.
// Memory is measured in a child process (peak RSS), so this test's own heap does not count.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { decodeProfile, DEFAULT_MAX_INFLATED_BYTES, ProfileError } from '../../src/pprof/index';
import { inflateNode } from '../../src/pprof/inflate-node';
import { inflatePako } from '../../src/pprof/inflate-pako';
import { readProfileFile } from '../../src/pprof/read-file-node';
import { repoRoot } from '../support/go-fixtures';
import type { ProbeResult } from './inflate-probe';
import { writeZeroGzip } from './zero-gzip';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const SMALL_BOMB_INFLATED = 1 * GiB;
const SMALL_CAP = 64 * MiB;
/** 5 % past the default cap. */
const BIG_BOMB_INFLATED = Math.ceil(DEFAULT_MAX_INFLATED_BYTES * 1.05);

let dir: string;
let smallBomb: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gzip-bomb-'));
  smallBomb = join(dir, 'small-bomb.pb.gz');
  await writeZeroGzip(smallBomb, SMALL_BOMB_INFLATED);
});
after(() => rm(dir, { recursive: true, force: true }));

/** The 2.1 GB-inflating bomb, made once (streamed, ~2 MB on disk) and kept in .cache/. */
async function bigBomb(): Promise<string> {
  const cacheDir = join(repoRoot, '.cache', 'hardening');
  const path = join(cacheDir, `zeros-${BIG_BOMB_INFLATED}.pb.gz`);
  if (!existsSync(path)) {
    await mkdir(cacheDir, { recursive: true });
    const temp = `${path}.${process.pid}.tmp`;
    await writeZeroGzip(temp, BIG_BOMB_INFLATED);
    await rename(temp, path);
  }
  return path;
}

async function probe(file: string, which: 'node' | 'pako', cap?: number): Promise<ProbeResult> {
  const args = ['--import', 'tsx', join(repoRoot, 'test', 'hardening', 'inflate-probe.ts'), file, which, ...(cap ? [String(cap)] : [])];
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: repoRoot, maxBuffer: MiB });
  return JSON.parse(stdout) as ProbeResult;
}

test('a 1 GiB-inflating gzip of about 1 MB is refused at a 64 MiB cap, naming the file', async () => {
  const bytes = new Uint8Array(await readFile(smallBomb));
  assert.ok(bytes.length < 2 * MiB, `bomb is ${bytes.length} bytes`);
  for (const inflate of [inflateNode, inflatePako]) {
    assert.throws(
      () => decodeProfile(bytes, { source: smallBomb, inflate, maxInflatedBytes: SMALL_CAP }),
      (e: unknown) => e instanceof ProfileError && e.source === smallBomb && e.message === `${smallBomb}: gzip data inflates past ${SMALL_CAP} bytes (the limit); refusing to read it all`,
    );
  }
  await assert.rejects(readProfileFile(smallBomb, { maxInflatedBytes: SMALL_CAP }), (e: unknown) => e instanceof ProfileError && e.message.startsWith(`${smallBomb}: gzip data inflates past`));
});

test('refusing at a 64 MiB cap keeps peak RSS far below the 1 GiB the bomb inflates to', async () => {
  for (const which of ['node', 'pako'] as const) {
    const r = await probe(smallBomb, which, SMALL_CAP);
    assert.match(r.error, /^ProfileError: .*small-bomb\.pb\.gz: gzip data inflates past 67108864 bytes/);
    assert.ok(r.maxRssBytes < SMALL_BOMB_INFLATED / 2, `${which}: peak RSS ${(r.maxRssBytes / MiB).toFixed(0)} MiB`);
  }
});

test('a gzip inflating 5 % past the default 2 GiB cap is refused; memory stays bounded by the cap', { timeout: 600_000 }, async () => {
  const file = await bigBomb();
  assert.ok((await stat(file)).size < 4 * MiB);
  for (const which of ['node', 'pako'] as const) {
    const r = await probe(file, which);
    assert.equal(r.error, `ProfileError: ${file}: gzip data inflates past ${DEFAULT_MAX_INFLATED_BYTES} bytes (the limit); refusing to read it all`);
    // The inflated output is held up to the cap (the data is in native buffers, not the JS heap).
    assert.ok(r.heapUsedBytes < 256 * MiB, `${which}: heap ${(r.heapUsedBytes / MiB).toFixed(0)} MiB`);
    assert.ok(r.maxRssBytes < DEFAULT_MAX_INFLATED_BYTES + 512 * MiB, `${which}: peak RSS ${(r.maxRssBytes / MiB).toFixed(0)} MiB`);
    console.log(`default cap, ${which}: refused in ${r.ms.toFixed(0)} ms, peak RSS ${(r.maxRssBytes / MiB).toFixed(0)} MiB, heap ${(r.heapUsedBytes / MiB).toFixed(0)} MiB`);
  }
});
