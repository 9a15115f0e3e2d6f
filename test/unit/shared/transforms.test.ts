import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHintQuery } from '../../../src/shared/line-costs-view';
import { functionOfFrame, packageTransform, parseTransform, parseTransforms, sameTransforms, transformLabel } from '../../../src/shared/transforms';
import { parseViewQuery } from '../../../src/shared/validate-views';

test('transforms from messages and saved state: each kind kept, anything else refused', () => {
  assert.deepEqual(parseTransform({ kind: 'merge', name: 'main.work', extra: 1 }), { kind: 'merge', name: 'main.work' });
  assert.deepEqual(parseTransform({ kind: 'mergePackage', package: 'runtime' }), { kind: 'mergePackage', package: 'runtime' });
  assert.deepEqual(parseTransform({ kind: 'focusSubtree', path: ['main.main', 'main.work'] }), { kind: 'focusSubtree', path: ['main.main', 'main.work'] });
  for (const kind of ['focus', 'drop', 'hide', 'showFrom', 'collapseRecursion']) assert.deepEqual(parseTransform({ kind, name: 'f' }), { kind, name: 'f' });
  assert.equal(parseTransform({ kind: 'merge', name: '' }), undefined);
  assert.equal(parseTransform({ kind: 'merge', name: 3 }), undefined);
  assert.equal(parseTransform({ kind: 'explode', name: 'f' }), undefined);
  assert.equal(parseTransform({ kind: 'focusSubtree', path: [] }), undefined);
  assert.equal(parseTransform({ kind: 'focusSubtree', path: ['a', 7] }), undefined);
  assert.equal(parseTransform({ kind: 'mergePackage', name: 'runtime' }), undefined);
  assert.equal(parseTransform('merge'), undefined);
  assert.deepEqual(parseTransforms([]), []);
  assert.equal(parseTransforms([{ kind: 'merge', name: 'a' }, { kind: 'merge' }]), undefined, 'one bad entry refuses the chain');
  assert.equal(parseTransforms({ kind: 'merge', name: 'a' }), undefined);
  assert.equal(parseTransforms(new Array(65).fill({ kind: 'merge', name: 'a' })), undefined);
});

test('view and hint queries carry a valid chain and refuse a broken one', () => {
  const transforms = [{ kind: 'drop', name: 'runtime.gcBgMarkWorker' }];
  assert.deepEqual(parseViewQuery({ sampleIndex: 0, transforms }), { sampleIndex: 0, transforms });
  assert.equal(parseViewQuery({ sampleIndex: 0, transforms: [{ kind: 'drop' }] }), undefined);
  assert.deepEqual(parseHintQuery({ sampleIndex: 2, transforms }), { sampleIndex: 2, transforms });
  assert.deepEqual(parseHintQuery({ sampleIndex: 2, transforms: [] }), { sampleIndex: 2 });
  assert.equal(parseHintQuery({ sampleIndex: 2, transforms: 'x' }), undefined);
});

test('chip labels, frame functions and packages', () => {
  assert.equal(transformLabel({ kind: 'merge', name: 'main.work' }), 'Merge main.work');
  assert.equal(transformLabel({ kind: 'mergePackage', package: 'runtime' }), 'Merge runtime.*');
  assert.equal(transformLabel({ kind: 'focusSubtree', path: ['main.main', 'main.work'] }), 'Subtree main.main › main.work');
  assert.equal(transformLabel({ kind: 'showFrom', name: 'main.work' }), 'From main.work');
  assert.equal(functionOfFrame('main.(*T).m', 'functions'), 'main.(*T).m');
  assert.equal(functionOfFrame('main.work /src/a b/main.go:12', 'lines'), 'main.work');
  assert.equal(functionOfFrame('main.work /src/main.go', 'filefunctions'), 'main.work');
  assert.equal(functionOfFrame('/src/main.go', 'files'), undefined);
  assert.equal(functionOfFrame('<unknown>', 'functions'), undefined);
  assert.equal(functionOfFrame('[libc.so]', 'functions'), undefined);
  assert.deepEqual(packageTransform('example.com/a/b.(*T).M'), { kind: 'mergePackage', package: 'example.com/a/b' });
  assert.deepEqual(packageTransform('runtime.mallocgc'), { kind: 'mergePackage', package: 'runtime' });
  assert.equal(packageTransform('noPackage'), undefined);
  assert.ok(sameTransforms(undefined, []));
  assert.ok(!sameTransforms([{ kind: 'merge', name: 'a' }], [{ kind: 'hide', name: 'a' }]));
});
