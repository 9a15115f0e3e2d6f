// A 10 GiB gzip bomb (10 MB on disk) whose trailer says 2 GiB (the size mod 2^32): refused with
// exit 2 and one line, and the process's peak RSS stays within the cap plus 512 MiB, through
// `go-profiler top` in one thread and in two (the second thread is started only once the first
// has inflated the file for real) and through decodeProfile with node's zlib (what the
// extension's decode worker runs). Before the fix the trailer's 2 GiB made the output chunks
// 1 GiB (3.2 GB peak) and told `top` the file was worth two threads that each inflated it
// (6.4 GB). Memory is measured in the child process (GNU time or /proc VmHWM).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { THREADS_VARIABLE } from '../../src/cli/top-threads';
import { decodeProfile, DEFAULT_MAX_INFLATED_BYTES } from '../../src/pprof/index';
import { inflateNode } from '../../src/pprof/inflate-node';
import { measureProcessExit } from '../../scripts/bench/measure-process';
import { bundleCli } from '../support/cli-bundle';
import { repoRoot } from '../support/go-fixtures';
import { writeCraftedZeroBomb } from './crafted-gzip-bomb';
import type { ProbeResult } from './inflate-probe';

const MiB = 1024 * 1024;
const BOMB_MIB = 10 * 1024;
const PEAK_LIMIT = DEFAULT_MAX_INFLATED_BYTES + 512 * MiB;

let dir: string;
let bomb: string;
let cli: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gzip-bomb-memory-'));
  bomb = join(dir, 'bomb.pb.gz');
  const size = await writeCraftedZeroBomb(bomb, BOMB_MIB);
  assert.ok(size < 12 * MiB, `bomb is ${size} bytes`);
  cli = await bundleCli();
});
after(() => rm(dir, { recursive: true, force: true }));

const refusal = (file: string): string => `${file}: gzip data inflates past ${DEFAULT_MAX_INFLATED_BYTES} bytes (the limit); refusing to read it all`;
const mib = (bytes: number): string => `${(bytes / MiB).toFixed(0)} MiB`;

for (const threads of [1, 2] as const) {
  test(`go-profiler top, ${threads} thread${threads > 1 ? 's' : ''}: a 10 GiB bomb is refused with exit 2 within the cap + 512 MiB`, { timeout: 300_000 }, async () => {
    const r = await measureProcessExit(process.execPath, [cli, 'top', bomb], { ...process.env, [THREADS_VARIABLE]: String(threads) });
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr, `go-profiler: ${refusal(bomb)}\n`);
    assert.ok(r.peakRssBytes < PEAK_LIMIT, `peak RSS ${mib(r.peakRssBytes)}, limit ${mib(PEAK_LIMIT)}`);
    console.log(`go-profiler top, ${threads} thread(s): refused in ${r.wallMs.toFixed(0)} ms, peak RSS ${mib(r.peakRssBytes)}`);
  });
}

for (const trailer of ['its own', 'a made-up 100-byte']) {
  test(`decodeProfile with node zlib (the decode worker's inflater) refuses the bomb with ${trailer} trailer within the cap + 512 MiB`, { timeout: 300_000 }, async () => {
    let file = bomb;
    if (trailer !== 'its own') {
      // Before the fix, a small claimed size made the chunks as small: 33 million Buffers, 4.7 GB, 147 s.
      const bytes = await readFile(bomb);
      bytes.writeUInt32LE(100, bytes.length - 4);
      file = join(dir, 'bomb-says-100.pb.gz');
      await writeFile(file, bytes);
    }
    const probe = join(repoRoot, 'test', 'hardening', 'inflate-probe.ts');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', probe, file, 'node'], { cwd: repoRoot, maxBuffer: MiB });
    const r = JSON.parse(stdout) as ProbeResult;
    assert.equal(r.error, `ProfileError: ${refusal(file)}`);
    assert.ok(r.maxRssBytes < PEAK_LIMIT, `peak RSS ${mib(r.maxRssBytes)}, limit ${mib(PEAK_LIMIT)}`);
    console.log(`decodeProfile (node zlib), ${trailer} trailer: refused in ${r.ms.toFixed(0)} ms, peak RSS ${mib(r.maxRssBytes)}`);
  });
}

test('a multi-member gzip, whose trailer gives only its last member\'s size, decodes as the single-member file does', async () => {
  const file = await readFile(join(repoRoot, 'test', 'fixtures', 'profiles', 'large.cpu.pb.gz'));
  const raw = gunzipSync(file);
  const decode = (bytes: Uint8Array): unknown => {
    const p = decodeProfile(bytes, { source: 'large.cpu.pb.gz', inflate: inflateNode });
    return [p.strings, p.locations.count, Array.from(p.samples.values), Array.from(p.samples.stackLocations)];
  };
  const expected = decode(file);
  for (const lastMember of [10, 100_000]) {
    const cut = raw.length - lastMember;
    const twoMembers = Buffer.concat([gzipSync(raw.subarray(0, cut)), gzipSync(raw.subarray(cut))]);
    assert.equal(twoMembers.readUInt32LE(twoMembers.length - 4), lastMember);
    assert.deepEqual(decode(twoMembers), expected, `last member of ${lastMember} bytes`);
  }
});
