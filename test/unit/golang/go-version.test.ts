import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasFlightRecorder } from '../../../src/capture/agent-flight-source';
import { goAtLeast } from '../../../src/golang/go-version';

describe('goAtLeast', () => {
  it('reads releases, release candidates and devel builds', () => {
    assert.equal(goAtLeast('go1.26.8', 25), true);
    assert.equal(goAtLeast('go1.25rc1', 25), true);
    assert.equal(goAtLeast('devel go1.24-abc123 Mon Jan 1', 25), false);
    assert.equal(goAtLeast('go1.9', 25), false);
    assert.equal(goAtLeast('go1.100', 25), true);
  });
  it('is false for what it cannot read', () => {
    assert.equal(goAtLeast('unknown', 1), false);
    assert.equal(goAtLeast('', 1), false);
  });
});

describe('hasFlightRecorder (runtime/trace.FlightRecorder arrived in Go 1.25)', () => {
  it('is true from go1.25 on', () => {
    assert.equal(hasFlightRecorder('go1.24.9'), false);
    assert.equal(hasFlightRecorder('go1.25.0'), true);
    assert.equal(hasFlightRecorder('go1.26.8'), true);
  });
});
