import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProfileSummary } from '../../../src/shared/view-model';
import { fitView } from '../../../webview/saved-view';

const summary = { sampleTypes: [{ type: 'samples', unit: 'count' }, { type: 'cpu', unit: 'nanoseconds' }] } as unknown as ProfileSummary;
const filters = { granularity: 'functions', focus: 'main', ignore: '', hide: '', show: '', tagFocus: '', tagIgnore: '', tagRoot: '', tagLeaf: '' } as const;
const tabs = (id: string): boolean => ['flame', 'top'].includes(id);

test('a view fits: sample type by name to its index here, tab, filters, zoom', () => {
  const fitted = fitView({ sampleType: 'cpu', sampleIndex: 0, view: 'top', filters, zoomPath: ['main.main'] }, { sampleIndex: 0, view: 'flame' }, summary, tabs);
  assert.deepEqual(fitted, { state: { sampleIndex: 1, sampleType: 'cpu', view: 'top', filters, transforms: [], zoomPath: ['main.main'] }, notApplied: [] });
});

test('what the profile lacks is kept as shown and named; absent filters, transforms and zoom mean none', () => {
  const current = { sampleIndex: 1, sampleType: 'cpu', view: 'flame', filters, transforms: [{ kind: 'drop', name: 'main.x' }] as const, zoomPath: ['a'] };
  const fitted = fitView({ sampleType: 'alloc_space', view: 'goroutines' }, current, summary, tabs);
  assert.deepEqual(fitted.state, { sampleIndex: 1, sampleType: 'cpu', view: 'flame', filters: { ...filters, focus: '' }, transforms: [], zoomPath: [] });
  assert.deepEqual(fitted.notApplied, ['sample type "alloc_space" (this profile has samples, cpu)', 'the "goroutines" tab (not shown for this profile)']);
});
