// The decoder keeps "at most one label per sample, all with the same key, str and unit" (Go
// heap profiles' `bytes` label) in a short form and switches to full columns at the first
// sample that breaks it. Each profile below breaks it a different way, at a different sample; the
// labels must come out as protobufjs reads them, with columns exactly as long as the labels.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeProfile } from '../../../src/pprof/index';
import { inflatePako } from '../../../src/pprof/inflate-pako';
import { labelKeys } from '../../../src/worker/view-builders';
import { decodeWithProtobufjs, encodeWithProtobufjs, type RefLabel } from '../../support/protobuf-reference';
import { assertSameProfile } from './assert-same-profile';

const STRINGS = ['', 'alloc_space', 'bytes', 'main.f', 'f.go', 'size', 'endpoint', '/api', 'ms', 'other'];
const SIZE = 5;
const BYTES = 2;

/** A profile of `labels.length` samples, sample s with the labels `labels[s]`. */
function profileWith(labels: readonly (readonly Partial<RefLabel>[])[]): Uint8Array {
  return encodeWithProtobufjs({
    stringTable: STRINGS,
    sampleType: [{ type: 1, unit: 2 }],
    function: [{ id: 1, name: 3, systemName: 3, filename: 4 }],
    location: [{ id: 1, line: [{ functionId: 1, line: 7 }] }],
    sample: labels.map((label, s) => ({ locationId: [1], value: [s + 1], label })),
  } as never);
}

const size = (num: number): Partial<RefLabel> => ({ key: SIZE, num, numUnit: BYTES });
const alike = (n: number): Partial<RefLabel>[][] => Array.from({ length: n }, (_, s) => [size(16 * (s + 1))]);

function check(name: string, labels: readonly (readonly Partial<RefLabel>[])[], shortForm: boolean): void {
  const bytes = profileWith(labels);
  const ours = decodeProfile(bytes, { source: 'test.pb', inflate: inflatePako });
  assertSameProfile(ours, decodeWithProtobufjs(bytes), name);
  const s = ours.samples;
  const total = labels.reduce((sum, l) => sum + l.length, 0);
  assert.equal(s.labelStart.length, s.count + 1, `${name}: starts`);
  assert.equal(s.labelStart[s.count], total, `${name}: last start`);
  for (const column of [s.labelKey, s.labelStr, s.labelNum, s.labelNumUnit]) assert.equal(column.length, total, `${name}: column length`);
  assert.equal(s.sameLabel !== undefined, shortForm, `${name}: short form`);
}

test('one numeric label per sample, all alike: short form, same columns', () => {
  check('alike', alike(40), true);
  const bytes = profileWith(alike(3));
  const samples = decodeProfile(bytes, { source: 'test.pb', inflate: inflatePako }).samples;
  assert.deepEqual(samples.sameLabel, { key: SIZE, str: 0, numUnit: BYTES });
  assert.deepEqual(Array.from(samples.labelNum), [16, 32, 48]);
  assert.deepEqual(Array.from(samples.labelStart), [0, 1, 2, 3]);
});

test('one string label per sample, all alike: the label keys list it', () => {
  const labels = Array.from({ length: 5 }, () => [{ key: 6, str: 7 }]);
  check('alike string', labels, true);
  const profile = decodeProfile(profileWith(labels), { source: 'test.pb', inflate: inflatePako });
  assert.deepEqual(labelKeys(profile), [{ key: 'endpoint', values: ['/api'] }]);
});

test('the short form ends at the first sample that breaks it, wherever it is', () => {
  for (const at of [0, 1, 7, 39]) {
    const twoLabels = alike(40);
    twoLabels[at] = [size(1), { key: 6, str: 7 }];
    check(`two labels at #${at}`, twoLabels, false);
    const none = alike(40);
    none[at] = [];
    check(`no label at #${at}`, none, true);
    const gapsThenTwo = alike(40);
    for (const gap of [at, 3, 5, 6, 20]) gapsThenTwo[gap] = [];
    gapsThenTwo[Math.min(39, at + 11)] = [size(1), size(2)];
    check(`no labels at #${at}, 3, 5, 6, 20, two labels at #${Math.min(39, at + 11)}`, gapsThenTwo, false);
    const otherKey = alike(40);
    otherKey[at] = [{ key: 9, num: 3, numUnit: BYTES }];
    check(`other key at #${at}`, otherKey, false);
    const otherUnit = alike(40);
    otherUnit[at] = [{ key: SIZE, num: 3, numUnit: 8 }];
    check(`other unit at #${at}`, otherUnit, false);
    const stringLabel = alike(40);
    stringLabel[at] = [{ key: SIZE, str: 7 }];
    check(`string label at #${at}`, stringLabel, false);
    const big = alike(40);
    big[at] = [size(2 ** 40)];
    check(`num past 32 bits at #${at}`, big, false);
  }
});

test('labels only from a later sample, only on the first samples, or none', () => {
  check('from #3', [[], [], [], ...alike(5)], true);
  check('first three only', [...alike(3), [], [], []], true);
  check('gaps', [[], ...alike(2), [], [], ...alike(3), []], true);
  check('none', [[], [], []], false);
  check('no samples', [], false);
});

test("Go's label shape (a key and a num, no unit) through the one-step read, at every varint length", () => {
  const go = (num: number): Partial<RefLabel>[] => [{ key: SIZE, num }];
  // 1 to 4 varint bytes take the one-step read; 0 (no num field), 2^28 (5 bytes) and negative
  // nums take the full one, in the middle of the others.
  const nums = [16, 127, 128, 2 ** 14 - 1, 2 ** 14, 2 ** 21, 2 ** 28 - 1, 0, 2 ** 28, 2 ** 31 - 1, -1, 5];
  const labels = nums.map(go);
  check('go shape', labels, true);
  const samples = decodeProfile(profileWith(labels), { source: 'test.pb', inflate: inflatePako }).samples;
  assert.deepEqual(Array.from(samples.labelNum), nums);
  // Past int32 in five bytes: the full read, which leaves the short form.
  check('go shape, 2^31 last', [...labels, go(2 ** 31)], false);
  for (const at of [0, 1, 7]) {
    const gap = nums.map(go);
    gap[at] = [];
    check(`go shape, no label at #${at}`, gap, true);
    const two = nums.map(go);
    two[at] = [...go(3), ...go(4)];
    check(`go shape, two labels at #${at}`, two, false);
    const unit = nums.map(go);
    unit[at] = [size(3)];
    check(`go shape, a unit at #${at}`, unit, false);
  }
});
