// Every real profile decoded by our reader and by protobufjs (the reference) must agree on
// every field.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { test } from 'node:test';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import { decodeProfile } from '../../../src/pprof/index';
import { inflatePako } from '../../../src/pprof/inflate-pako';
import { listFixtureProfiles } from '../../support/go-fixtures';
import { decodeWithProtobufjs } from '../../support/protobuf-reference';
import { assertSameProfile } from './assert-same-profile';

test('every fixture profile decodes exactly as protobufjs reads it', async (t) => {
  const fixtures = await listFixtureProfiles();
  assert.ok(fixtures.length >= 8, `expected the Go fixtures and the committed profiles, got ${fixtures.length}`);
  for (const { name, path } of fixtures) {
    await t.test(name, async () => {
      const ours = await readProfileFile(path);
      const ref = decodeWithProtobufjs(gunzipSync(await readFile(path)));
      assertSameProfile(ours, ref, name);
    });
  }
});

test('the fixtures cover what the decoder must handle', async () => {
  const fixtures = await listFixtureProfiles();
  const profiles = await Promise.all(fixtures.map((f) => readProfileFile(f.path)));
  const some = (pred: (p: (typeof profiles)[number]) => boolean): boolean => profiles.some(pred);
  assert.ok(some((p) => p.samples.labelKey.length > 0), 'a profile with labels');
  assert.ok(some((p) => p.locations.lineFunction.length > p.locations.count), 'a profile with inlined frames (several lines per location)');
  assert.ok(some((p) => p.sampleTypes.length === 4), 'a heap profile with its four sample types');
  assert.ok(some((p) => p.samples.count > 10_000), 'a profile with many samples');
});

test('the pako and node:zlib inflate paths give the same profile', async () => {
  for (const { name, path } of await listFixtureProfiles()) {
    const bytes = await readFile(path);
    const viaPako = decodeProfile(bytes, { source: path, inflate: inflatePako });
    assert.deepEqual(viaPako, await readProfileFile(path), name);
  }
});

test('raw (not gzipped) profile bytes decode the same as gzipped ones', async () => {
  const [first] = await listFixtureProfiles();
  const bytes = await readFile(first!.path);
  const raw = gunzipSync(bytes);
  const viaRaw = decodeProfile(raw, { source: 'raw', inflate: () => assert.fail('raw bytes must not be inflated') });
  assert.deepEqual(viaRaw, await readProfileFile(first!.path));
});
