import assert from 'node:assert/strict';
import { test } from 'node:test';
import { confirmThresholdBytes, DEFAULT_CONFIRM_OPEN_MB, needsConfirmation } from '../../../src/profile-editor/large-profile';

const MB = 1024 * 1024;

test('goProfiler.confirmOpenAboveMB: asks strictly above the threshold, 0 never asks, junk means the default', () => {
  assert.equal(confirmThresholdBytes(256), 256 * MB);
  assert.equal(confirmThresholdBytes(0.5), MB / 2);
  assert.equal(confirmThresholdBytes(0), undefined);
  assert.equal(confirmThresholdBytes(-3), undefined);
  assert.equal(confirmThresholdBytes(undefined), DEFAULT_CONFIRM_OPEN_MB * MB);
  assert.equal(confirmThresholdBytes('12'), DEFAULT_CONFIRM_OPEN_MB * MB);
  assert.equal(confirmThresholdBytes(Number.NaN), DEFAULT_CONFIRM_OPEN_MB * MB);
  assert.equal(needsConfirmation(256 * MB, 256), false);
  assert.equal(needsConfirmation(256 * MB + 1, 256), true);
  assert.equal(needsConfirmation(10 * 1024 * MB, 0), false);
  assert.equal(needsConfirmation(2, 1 / MB), true);
});
