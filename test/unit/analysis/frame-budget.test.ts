// The frame budget's arithmetic on hand-built profiles: what counts (each unique stack once
// when stacks are merged, each sample when not; samples of value 0 only when kept), the
// budget's edge, the per-location allowance, and what never counts (noinlines, top).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FrameBudgetError } from '../../../src/analysis/frame-budget';
import { buildStacks } from '../../../src/analysis/stacks';
import { topTable } from '../../../src/analysis/top';
import { buildProfile } from '../../support/profile-builder';

/** A location of `lines` inlined calls. */
const location = (lines: number): string[] => Array.from({ length: lines }, (_, i) => `main.f${i} main.go:${i + 1}`);

function refusal(run: () => unknown): { frames: number; locations: number; budget: number } | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (!(error instanceof FrameBudgetError)) throw error;
    return { frames: error.frames, locations: error.locations, budget: error.budget };
  }
}

test('merged stacks count each unique stack once; per-sample stacks count every sample, zero values only when kept', () => {
  const stack = Array.from({ length: 10 }, () => location(20)); // 200 frames, 10 locations
  const p = buildProfile({
    sampleTypes: [['samples', 'count']],
    samples: [{ stack, values: [1] }, { stack, values: [2] }, { stack, values: [0] }],
  });
  assert.deepEqual(refusal(() => buildStacks(p, { frameBudget: 199 })), { frames: 200, locations: 10, budget: 199 });
  assert.equal(refusal(() => buildStacks(p, { frameBudget: 200 })), undefined, 'at the budget is allowed');
  assert.deepEqual(refusal(() => buildStacks(p, { frameBudget: 399 }, { mergeStacks: false })), { frames: 400, locations: 20, budget: 399 });
  assert.deepEqual(refusal(() => buildStacks(p, { frameBudget: 599 }, { mergeStacks: false, keepZeroValues: true })), { frames: 600, locations: 30, budget: 599 });
  assert.equal(refusal(() => buildStacks(p, { frameBudget: 0 }, { mergeStacks: false, keepZeroValues: true })), undefined, '0: no budget');
});

test('past the budget, up to 4 frames per location are always allowed; 5 are not', () => {
  for (const [lines, refused] of [[4, false], [5, true]] as const) {
    const p = buildProfile({ sampleTypes: [['samples', 'count']], samples: [{ stack: Array.from({ length: 100 }, () => location(lines)), values: [1] }] });
    assert.equal(refusal(() => buildStacks(p, { frameBudget: 10 })) !== undefined, refused, `${lines} lines per location`);
  }
});

test('what the filters leave counts: --noinlines keeps one frame per location; hide removes lines', () => {
  const p = buildProfile({ sampleTypes: [['samples', 'count']], samples: [{ stack: Array.from({ length: 100 }, () => location(50)), values: [1] }] });
  assert.deepEqual(refusal(() => buildStacks(p, { frameBudget: 1000 })), { frames: 5000, locations: 100, budget: 1000 });
  assert.equal(refusal(() => buildStacks(p, { frameBudget: 1000, noInlines: true })), undefined);
  assert.equal(refusal(() => buildStacks(p, { frameBudget: 1000, hide: 'main\\.f[1-9]' })), undefined);
});

test('the top table never expands stacks: no budget, and a repeated location adds its frames once', () => {
  const p = buildProfile({ sampleTypes: [['samples', 'count']], samples: [{ stack: Array.from({ length: 1000 }, () => location(100)), values: [3] }] });
  for (const options of [{ frameBudget: 1 }, { frameBudget: 1, focus: 'f7$' }]) {
    const table = topTable(p, options);
    assert.equal(table.rows.length, 100);
    assert.deepEqual([table.rows[0]!.name, table.rows[0]!.flat, table.rows[0]!.cum], ['main.f0', 3, 3]);
    assert.ok(table.rows.every((r) => r.cum === 3));
  }
});
