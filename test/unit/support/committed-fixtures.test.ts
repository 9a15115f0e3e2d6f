// The committed fixture profiles (test/fixtures/go-profiles) are the ones the fixture programs
// make as they are now, so the pure and golden tiers test what the live tier would.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { committedFixturesStamp, ensureGoFixtures, fixtureSourcesHash, goFixtureKinds } from '../../support/go-fixtures';
import { readSampleTypes } from '../../support/go-pprof';

test('the committed fixture profiles were made from the current fixture programs', async () => {
  assert.equal(
    await committedFixturesStamp(),
    await fixtureSourcesHash(),
    'test/fixtures/go changed since test/fixtures/go-profiles was made: run node scripts/test-fidelity.mjs --update',
  );
});

test('every kind is committed as a readable profile', async () => {
  const fixtures = await ensureGoFixtures();
  for (const kind of goFixtureKinds) assert.ok(readSampleTypes(fixtures[kind]).types.length > 0, kind);
});
