// A short run of the `npm run fuzz` harness, in process: the structural mutations (fields
// duplicated, deleted and retyped inside nested messages, dangling ids and string indexes,
// huge nested lengths, location cycles, duplicate ids) and the generated deep stacks. Every
// input must end in a Profile or a ProfileError, and analysis must not throw on what decodes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deepStack } from '../../scripts/fuzz/big';
import { checkInput } from '../../scripts/fuzz/check';
import { loadCorpus } from '../../scripts/fuzz/corpus';
import { runRange, type Tally } from '../../scripts/fuzz/harness';
import { locationCycle } from '../../scripts/fuzz/structural';
import { seededRandom } from '../support/profile-mutations';

const SEED = 7_2026_11;
/** Generous per-input bound: a correct decoder takes a few ms on these inputs. */
const BOUND_MS = 1000;

test('structural fuzzing: 3,000 inputs end in a Profile or a ProfileError', { timeout: 300_000 }, async () => {
  // The multi-megabyte profiles are left to `npm run fuzz`: here a cold decode of one on a
  // busy machine would be the only thing near the bound.
  const corpus = (await loadCorpus()).filter((e) => e.raw.length <= 1024 * 1024);
  assert.ok(corpus.length >= 8, `expected the Go fixtures and examples, got ${corpus.length}`);
  const crashes: string[] = [];
  const tally: Tally = runRange(
    { corpus, seed: SEED, classes: ['structural'], first: 0, stride: 1, end: 3000, deadline: Number.POSITIVE_INFINITY, heapEvery: 100 },
    { crash: (input, outcome) => void crashes.push(`#${input.index} ${input.description}: ${outcome.detail}`) },
  );
  assert.deepEqual(crashes, []);
  assert.equal(tally.tried, 3000);
  assert.equal(tally.crashes, 0);
  // Both endings occur, or the mutations are not reaching the decoder's checks.
  assert.ok(tally.decoded > 100 && tally.profileErrors > 100, JSON.stringify(tally));
  assert.ok(tally.maxMs < BOUND_MS, `slowest input ${tally.maxMs.toFixed(0)} ms: ${tally.maxMsInput}`);
});

test('deep stacks of 100,000 frames decode and analyse', () => {
  for (const distinct of [true, false]) {
    const outcome = checkInput(deepStack(100_000, distinct), 'node', false);
    assert.equal(outcome.kind, 'profile', `${distinct ? 'distinct' : 'recursive'}: ${outcome.detail}`);
    assert.ok(outcome.ms < BOUND_MS * 5, `${outcome.ms} ms`);
  }
});

test('a location referenced by itself 100,000 times in one stack', async () => {
  const [first] = await loadCorpus();
  const random = seededRandom(1);
  let tried = 0;
  for (let i = 0; i < 50 && tried < 3; i++) {
    const m = locationCycle(first!.raw, random);
    if (!m.description.endsWith('x100000')) continue;
    tried++;
    const outcome = checkInput(m.bytes, 'pako', false);
    assert.notEqual(outcome.kind, 'crash', `${m.description}: ${outcome.detail}`);
  }
  assert.equal(tried, 3);
});
