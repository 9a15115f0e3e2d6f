// Both inflate paths: same output, the size cap (a gzip bomb is refused without inflating
// it all), corrupt data.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { test } from 'node:test';
import { decodeProfile, DEFAULT_MAX_INFLATED_BYTES, ProfileError, type Inflate } from '../../../src/pprof/index';
import { inflateNode } from '../../../src/pprof/inflate-node';
import { inflatePako } from '../../../src/pprof/inflate-pako';
import { repoRoot } from '../../support/go-fixtures';
import { minimalProfile } from '../../support/proto-writer';

const inflaters: [string, Inflate][] = [
  ['node:zlib', inflateNode],
  ['pako', inflatePako],
];

const MiB = 1024 * 1024;

let bombBytes: Uint8Array | undefined;

/** About 1 MiB of gzip (64 concatenated members) that inflates to 1 GiB of zeros. */
function gzipBomb(): Uint8Array {
  if (bombBytes) return bombBytes;
  const member = gzipSync(new Uint8Array(16 * MiB), { level: 9 });
  const bomb = new Uint8Array(member.length * 64);
  for (let i = 0; i < 64; i++) bomb.set(member, i * member.length);
  bombBytes = bomb;
  return bomb;
}

function assertProfileError(fn: () => unknown, source: string, pattern: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof ProfileError, `expected a ProfileError, got ${String(error)}`);
    assert.ok(error.message.startsWith(`${source}: `), error.message);
    assert.match(error.problem, pattern);
    return true;
  });
}

test('the default cap is 2 GiB', () => {
  assert.equal(DEFAULT_MAX_INFLATED_BYTES, 2 ** 31);
});

for (const [name, inflate] of inflaters) {
  test(`${name}: inflates a real profile exactly like zlib`, async () => {
    const gz = await readFile(join(repoRoot, 'test/fixtures/profiles/large.cpu.pb.gz'));
    assert.deepEqual(inflate(gz, DEFAULT_MAX_INFLATED_BYTES, 'large.cpu'), new Uint8Array(gunzipSync(gz)));
  });

  test(`${name}: reads concatenated gzip members as one stream`, () => {
    const a = gzipSync(Uint8Array.from([1, 2, 3]));
    const b = gzipSync(Uint8Array.from([4, 5]));
    const both = new Uint8Array(a.length + b.length);
    both.set(a);
    both.set(b, a.length);
    assert.deepEqual(Array.from(inflate(both, 100, 'two')), [1, 2, 3, 4, 5]);
  });

  test(`${name}: output exactly at the cap passes, one byte over fails`, () => {
    const gz = gzipSync(new Uint8Array(1000));
    assert.equal(inflate(gz, 1000, 'cap').length, 1000);
    assertProfileError(() => inflate(gz, 999, 'cap'), 'cap', /inflates past 999 bytes/);
  });

  test(`${name}: a gzip bomb is refused at the cap`, () => {
    const bomb = gzipBomb();
    assertProfileError(() => inflate(bomb, 32 * MiB, 'bomb.pb.gz'), 'bomb.pb.gz', /inflates past 33554432 bytes/);
    assertProfileError(
      () => decodeProfile(bomb, { source: 'bomb.pb.gz', inflate, maxInflatedBytes: 8 * MiB }),
      'bomb.pb.gz',
      /inflates past 8388608 bytes/,
    );
  });

  test(`${name}: corrupt and truncated gzip`, () => {
    const gz = gzipSync(minimalProfile());
    const flipped = Uint8Array.from(gz);
    for (let i = 10; i < flipped.length - 8; i++) flipped[i] = flipped[i]! ^ 0x55;
    assertProfileError(() => inflate(flipped, MiB, 'flipped'), 'flipped', /corrupt gzip data/);
    assertProfileError(() => inflate(gz.subarray(0, gz.length - 4), MiB, 'short'), 'short', /corrupt gzip data/);
    const badCrc = Uint8Array.from(gz);
    badCrc[badCrc.length - 6] = badCrc[badCrc.length - 6]! ^ 1;
    assertProfileError(() => inflate(badCrc, MiB, 'crc'), 'crc', /corrupt gzip data/);
  });
}
