// Replays every input the fuzzer ever saved under test/fixtures/crashers/ (and the hand-made
// hostile inputs kept there): each must now end in a Profile or a ProfileError, with both
// inflaters, and what decodes must go through the analysis without throwing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkInput } from '../../scripts/fuzz/check';
import { readCrashers } from '../../scripts/fuzz/crashers';

test('every saved crasher now ends in a Profile or a ProfileError', async () => {
  const crashers = await readCrashers();
  assert.ok(crashers.length > 0, 'test/fixtures/crashers/ holds no .bin file');
  for (const { name, bytes, inflater } of crashers) {
    for (const which of inflater ? [inflater] : (['node', 'pako'] as const)) {
      const outcome = checkInput(bytes, which, false);
      assert.notEqual(outcome.kind, 'crash', `${name} (${which}): ${outcome.detail}`);
    }
  }
});
