import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reportOptionsFromView } from '../../../src/analysis/view-options';

test('a view state as report options: sample type by name, non-empty filters, granularity unless functions', () => {
  assert.deepEqual(
    reportOptionsFromView({
      sampleIndex: 3,
      sampleType: 'alloc_space',
      view: 'top',
      zoomPath: ['main.main'],
      filters: { granularity: 'lines', focus: 'main', ignore: '', hide: 'runtime', show: '', tagFocus: 'phase=hot', tagIgnore: 'shape=odd', tagRoot: 'phase,shape', tagLeaf: '' },
    }),
    { sampleIndex: 'alloc_space', granularity: 'lines', focus: 'main', hide: 'runtime', tagFocus: 'phase=hot', tagIgnore: 'shape=odd', tagRoot: ['phase', 'shape'] },
  );
  assert.deepEqual(reportOptionsFromView({ sampleIndex: 1, filters: { granularity: 'functions', focus: '', ignore: 'x', hide: '', show: 's', tagFocus: '', tagIgnore: '', tagRoot: '', tagLeaf: '' } }), {
    sampleIndex: 1,
    ignore: 'x',
    show: 's',
  });
  assert.deepEqual(reportOptionsFromView({}), {});
  const transforms = [{ kind: 'merge', name: 'main.helper' }, { kind: 'mergePackage', package: 'runtime' }] as const;
  assert.deepEqual(reportOptionsFromView({ transforms, filters: { granularity: 'functions', focus: '', ignore: '', hide: '', show: '', tagFocus: '', tagIgnore: '', tagRoot: '', tagLeaf: '' } }), { transforms });
  assert.deepEqual(reportOptionsFromView({ transforms: [] }), {});
});
