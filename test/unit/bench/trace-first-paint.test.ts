/** The trace bench's first-paint line: the median of the runs' longest frames, each run's, and the long tasks. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstPaintLine } from '../../../scripts/bench/trace-first-paint';

test('the first paint line gives the median and each run of the longest frame, and the tasks over 50 ms', () => {
  const line = firstPaintLine([
    { firstLongestFrameMs: 16.7, firstLongTasks: [] },
    { firstLongestFrameMs: 83.4, firstLongTasks: [71.2] },
    { firstLongestFrameMs: 33.3, firstLongTasks: [] },
  ]);
  assert.equal(line, 'Data -> first complete timeline paint: longest frame interval median 33.3 ms (runs: 16.7 ms, 83.4 ms, 33.3 ms); tasks over 50 ms in that span: 71.2 ms.');
});

test('no task over 50 ms is said as none', () => {
  assert.match(firstPaintLine([{ firstLongestFrameMs: 16.7, firstLongTasks: [] }]), /longest frame interval median 16\.7 ms \(runs: 16\.7 ms\); tasks over 50 ms in that span: none\.$/);
});
