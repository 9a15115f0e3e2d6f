// Fuzz smoke: thousands of seeded mutations of real profiles. Each must end in a Profile or
// a ProfileError; any other exception (TypeError, RangeError, ...) fails the test.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import { test } from 'node:test';
import { decodeProfile, ProfileError, type Profile } from '../../src/pprof/index';
import { inflateNode } from '../../src/pprof/inflate-node';
import { inflatePako } from '../../src/pprof/inflate-pako';
import { listFixtureProfiles } from '../support/go-fixtures';
import { mutations } from '../support/profile-mutations';
import { minimalProfile } from '../support/proto-writer';

const SEED = 20261122;
const MAX_INPUT_BYTES = 64 * 1024;

async function smallRealProfiles(): Promise<{ name: string; raw: Uint8Array }[]> {
  const out = [];
  for (const { name, path } of await listFixtureProfiles()) {
    const raw = gunzipSync(await readFile(path));
    if (raw.length <= MAX_INPUT_BYTES) out.push({ name, raw: new Uint8Array(raw) });
  }
  return out;
}

/** Decodes and checks the outcome is a Profile or a ProfileError; returns which. */
function outcome(bytes: Uint8Array, what: string, inflate = inflateNode): 'profile' | 'error' {
  let profile: Profile;
  try {
    profile = decodeProfile(bytes, { source: 'fuzz', inflate, maxInflatedBytes: 16 * 1024 * 1024 });
  } catch (error) {
    if (error instanceof ProfileError && error.message.startsWith('fuzz: ')) return 'error';
    assert.fail(`${what}: threw ${error instanceof Error ? error.stack : String(error)}`);
  }
  // A decoded profile must be internally consistent: every index in range.
  const { samples, locations, functions, strings } = profile;
  assert.equal(samples.values.length, samples.count * samples.valueCount, `${what}: values length`);
  for (const l of samples.stackLocations) assert.ok(l >= 0 && l < locations.count, `${what}: stack index ${l}`);
  for (const f of locations.lineFunction) assert.ok(f >= -1 && f < functions.count, `${what}: function index ${f}`);
  for (const s of functions.name) assert.ok(s >= 0 && s < strings.length, `${what}: string index ${s}`);
  return 'profile';
}

test('mutated real profiles end in a Profile or a ProfileError', { timeout: 120_000 }, async () => {
  const inputs = await smallRealProfiles();
  assert.ok(inputs.length >= 4, `expected several small real profiles, got ${inputs.length}`);
  const counts = { profile: 0, error: 0 };
  for (const m of mutations(inputs.map((i) => i.raw), 3000, SEED)) {
    counts[outcome(m.bytes, `${inputs[m.input]!.name}: ${m.description}`)]++;
  }
  // Both outcomes must occur, or the mutations are not exercising the decoder.
  assert.ok(counts.error > 100 && counts.profile > 10, JSON.stringify(counts));
});

test('mutated gzip streams end in a Profile or a ProfileError, with both inflaters', { timeout: 120_000 }, () => {
  const gz = new Uint8Array(gzipSync(minimalProfile()));
  let errors = 0;
  for (const m of mutations([gz], 500, SEED + 1)) {
    if (outcome(m.bytes, `gzip node: ${m.description}`, inflateNode) === 'error') errors++;
    outcome(m.bytes, `gzip pako: ${m.description}`, inflatePako);
  }
  assert.ok(errors > 50, `only ${errors} errors`);
});

test('the mutation generator is deterministic for a seed', () => {
  const input = minimalProfile();
  const a = [...mutations([input], 50, 7)].map((m) => m.description);
  const b = [...mutations([input], 50, 7)].map((m) => m.description);
  assert.deepEqual(a, b);
  assert.ok(new Set(a.map((d) => d.split(' ')[0])).size >= 5, 'several kinds of mutation');
});
