import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { saveProfile, type NewProfile } from '../../../src/store/profile-store';
import { findSameContent } from '../../../src/store/same-content';

const item = (profile: Uint8Array): NewProfile => ({
  program: 'imported',
  type: 'imported',
  profile,
  sidecar: { version: 1, program: 'imported', args: [], capture: { kind: 'imported', source: 'import' }, startedAt: '', endedAt: '' },
});

describe('findSameContent (import a file only once)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'go-profiler-same-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('finds the profile with equal bytes, not one of the same size with other bytes', async () => {
    const a = await saveProfile(dir, item(Uint8Array.of(0x1f, 0x8b, 1, 2)));
    const b = await saveProfile(dir, item(Uint8Array.of(0x1f, 0x8b, 1, 3)));
    assert.equal(await findSameContent(dir, Uint8Array.of(0x1f, 0x8b, 1, 2)), a.profilePath);
    assert.equal(await findSameContent(dir, Uint8Array.of(0x1f, 0x8b, 1, 3)), b.profilePath);
    assert.equal(await findSameContent(dir, Uint8Array.of(0x1f, 0x8b, 1, 4)), undefined);
    assert.equal(await findSameContent(dir, Uint8Array.of(0x1f, 0x8b, 1)), undefined);
  });

  it('compares a view into a larger buffer by its own bytes only', async () => {
    const a = await saveProfile(dir, item(Uint8Array.of(7, 8, 9)));
    const big = Uint8Array.of(0, 7, 8, 9, 0);
    assert.equal(await findSameContent(dir, big.subarray(1, 4)), a.profilePath);
  });

  it('a missing folder holds nothing', async () => {
    assert.equal(await findSameContent(join(dir, 'none'), Uint8Array.of(1)), undefined);
  });
});
