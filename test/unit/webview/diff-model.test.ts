/** The comparison as the flame graph draws it, in plain Node: widths, normalising, colours, the changes list, the tooltip. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StackTreeView } from '../../../src/shared/view-model';
import { changeStrength, diffFill } from '../../../webview/views/diff-colors';
import { biggestChanges, changeShare, diffFlame, diffTooltip, normaliseScale } from '../../../webview/views/diff-model';

/**
 * root -> main (current 60 | base 100) -> f (40 | 10), g (20 | 60), h (0 | 30: only in the base),
 * all self. Totals: current 60, base 100 (as pprof reports each profile).
 */
function view(): StackTreeView {
  const frames = ['main', 'f', 'g', 'h'].map((name) => ({ name, file: `${name}.go`, line: 0, startLine: 1 }));
  return {
    sampleIndex: 0,
    unit: 'nanoseconds',
    total: 60,
    totalText: '60ns',
    frames,
    //                         0   1  2  3  4
    frame: Int32Array.from([-1, 0, 1, 2, 3]),
    parent: Int32Array.from([-1, 0, 1, 1, 1]),
    firstChild: Int32Array.from([1, 2, 5, 5, 5]),
    childCount: Int32Array.from([1, 3, 0, 0, 0]),
    value: Float64Array.from([60, 60, 40, 20, 0]),
    self: Float64Array.from([0, 0, 40, 20, 0]),
    base: Float64Array.from([100, 100, 10, 60, 30]),
    baseSelf: Float64Array.from([0, 0, 10, 60, 30]),
    baseSource: 'base.pb.gz',
    comparison: { base: 100, current: 60, baseText: '100ns', currentText: '60ns' },
  };
}

test('widths are base + current, so a frame only the base has is still drawn', () => {
  const d = diffFlame(view(), false);
  assert.deepEqual(Array.from(d.model.tree.value), [160, 160, 50, 80, 30]);
  assert.deepEqual(Array.from(d.model.tree.self), [0, 0, 50, 80, 30]);
  assert.equal(d.total, 100, 'changes are measured against the base total, like pprof -diff_base');
  assert.equal(d.scale, 1);
});

test('normalised, the current profile is scaled to the base total, as pprof -normalize does', () => {
  assert.equal(normaliseScale(view()), 100 / 60);
  const d = diffFlame(view(), true);
  assert.ok(Math.abs(d.current[0]! - 100) < 1e-9, 'current total equals the base total');
  assert.ok(Math.abs(d.current[2]! - (40 * 100) / 60) < 1e-9);
  assert.deepEqual([...d.base], [100, 100, 10, 60, 30], 'the base is not touched');
  assert.equal(diffFlame({ ...view(), comparison: { base: 100, current: 0, baseText: '', currentText: '' } }, true).scale, 0, 'an empty current profile scales by 0, as pprof does');
});

test('a node’s colour share is its change over the base total', () => {
  const d = diffFlame(view(), false);
  assert.equal(changeShare(d, 2), 0.3);
  assert.equal(changeShare(d, 3), -0.4);
  assert.equal(changeShare(d, 4), -0.3);
});

test('colour strength grows with the share of the total, whatever the sign; none for no change', () => {
  assert.equal(changeStrength(0), 0);
  const shares = [0.001, 0.01, 0.05, 0.1, 0.3, 0.5];
  for (let i = 1; i < shares.length; i++) assert.ok(changeStrength(shares[i]!) > changeStrength(shares[i - 1]!), `${shares[i]}`);
  assert.equal(changeStrength(0.5), 1);
  assert.equal(changeStrength(2), 1, 'clamped');
  assert.equal(changeStrength(-0.1), changeStrength(0.1));
  assert.ok(changeStrength(0.005) < 0.05, 'half a percent is almost grey');
  assert.match(diffFill(0.2, 'light'), /^hsl\(0 /, 'grew: red');
  assert.match(diffFill(-0.2, 'dark'), /^hsl\(125 /, 'shrank: green');
  const saturation = (fill: string): number => Number(/hsl\(\d+ (\d+)%/.exec(fill)![1]);
  assert.ok(saturation(diffFill(0.3, 'light')) > saturation(diffFill(0.02, 'light')));
  assert.equal(saturation(diffFill(0, 'light')), 0);
});

test('biggest changes: per function self, grew and shrank apart, each by |delta|, cut at the limit', () => {
  const { grew, shrank } = biggestChanges(diffFlame(view(), false), 8);
  assert.deepEqual(grew.map((c) => [c.name, c.base, c.current, c.delta]), [['f', 10, 40, 30]]);
  assert.deepEqual(shrank.map((c) => [c.name, c.base, c.current, c.delta]), [['g', 60, 20, -40], ['h', 30, 0, -30]]);
  assert.deepEqual(biggestChanges(diffFlame(view(), false), 1).shrank.map((c) => c.name), ['g']);
  // Normalised (current × 5/3): f 66.7 - 10, g 33.3 - 60, h -30.
  const normalised = biggestChanges(diffFlame(view(), true), 8);
  assert.deepEqual(normalised.grew.map((c) => c.name), ['f']);
  assert.deepEqual(normalised.shrank.map((c) => c.name), ['h', 'g']);
  assert.ok(Math.abs(normalised.shrank[1]!.delta - (20 * 100) / 60 + 60) < 1e-9);
});

test('the tooltip: base, current, delta against the base total, and self', () => {
  const tip = diffTooltip(diffFlame(view(), false), 3);
  assert.equal(tip.name, 'g');
  assert.equal(tip.location, 'g.go:1', 'no line: the function’s first line');
  assert.deepEqual(tip.lines, [
    { className: 'gp-base', text: 'Base: 60ns (60.00% of base total)' },
    { className: 'gp-current', text: 'Current: 20ns' },
    { className: 'gp-delta', text: 'Delta: -40ns (-40.00% of base total, -66.67% of its base)' },
    { className: 'gp-self', text: 'Self: 60ns → 20ns' },
  ]);
  const gone = diffTooltip(diffFlame(view(), true), 4);
  assert.equal(gone.lines[1]!.text, 'Current (normalised): 0');
  const added = diffTooltip(diffFlame({ ...view(), base: Float64Array.from([100, 100, 0, 60, 30]) }, false), 2);
  assert.match(added.lines[2]!.text, /, new\)$/);
});
