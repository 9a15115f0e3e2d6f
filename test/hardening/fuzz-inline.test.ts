// The fuzzer's locations of many inlined lines: the generated stack of 100,000 locations of
// 1,000 lines each, and the structural mutation that adds such a location to real profiles,
// go through the fuzz harness's check (decode, buildStacks, the top table, the runs
// cross-check): they must decode and end in a report or the frame budget's refusal, never a crash.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inlineStack } from '../../scripts/fuzz/big';
import { checkInput } from '../../scripts/fuzz/check';
import { loadCorpus } from '../../scripts/fuzz/corpus';
import { inlineLines } from '../../scripts/fuzz/structural';
import { seededRandom } from '../support/profile-mutations';

test('a stack of 100,000 locations of 1,000 inlined calls each decodes and analyses', () => {
  const outcome = checkInput(inlineStack(1000, 100_000), 'node', false);
  assert.equal(outcome.kind, 'profile', outcome.detail);
});

test('locations of many inlined lines added to real profiles: no crash', async () => {
  const corpus = (await loadCorpus()).filter((e) => e.raw.length <= 1024 * 1024);
  const random = seededRandom(19);
  const seen = new Set<string>();
  for (let i = 0; i < 60; i++) {
    const entry = corpus[i % corpus.length]!;
    const m = inlineLines(entry.raw, random);
    seen.add(m.description.replace(/^location of (\d+) lines.*x(\d+)$/, '$1x$2'));
    const outcome = checkInput(m.bytes, i % 2 === 0 ? 'node' : 'pako', false);
    assert.notEqual(outcome.kind, 'crash', `${entry.name}: ${m.description}: ${outcome.detail}`);
  }
  assert.ok(seen.has('1000x100000'), [...seen].join(' '));
});
