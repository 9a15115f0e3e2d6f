import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recentProfileLabels } from '../../../src/sidebar/recent-profile-labels';
import type { ProfileSidecar } from '../../../src/store/sidecar';

const modified = new Date('2026-11-22T03:45:01.123Z');

function listed(program: string, test?: string): Parameters<typeof recentProfileLabels>[0] {
  const sidecar: ProfileSidecar = {
    version: 1,
    program,
    args: [],
    capture: { kind: 'cpu', source: 'go-test', ...(test === undefined ? {} : { test }) },
    startedAt: modified.toISOString(),
    endedAt: modified.toISOString(),
    savedAt: modified.toISOString(),
    profileFile: 'tst.BenchmarkSpin-cpu.pb.gz',
  };
  return { profilePath: '/p/tst.BenchmarkSpin-cpu.pb.gz', sizeBytes: 1, modified, sidecar };
}

describe('Recent Profiles row labels', () => {
  it('names a benchmark once: go test saves program "tst.BenchmarkSpin" with test "BenchmarkSpin"', () => {
    const { label, description } = recentProfileLabels(listed('tst.BenchmarkSpin', 'BenchmarkSpin'));
    assert.equal(label, 'cpu · tst.BenchmarkSpin');
    assert.doesNotMatch(description, /BenchmarkSpin/);
    assert.notEqual(description, '');
  });

  it('keeps the test name when the program does not carry it', () => {
    const { label, description } = recentProfileLabels(listed('tst', 'TestSpin'));
    assert.equal(label, 'cpu · tst');
    assert.match(description, /^TestSpin · /);
  });

  it('a test name that only ends the program name without the dot is not taken as repeated', () => {
    assert.match(recentProfileLabels(listed('tstBenchmarkSpin', 'BenchmarkSpin')).description, /^BenchmarkSpin · /);
  });
});
