import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatSavedViews, parseSavedViews, renamedView, SavedViewsError, viewStateToSave, withoutView, withView } from '../../../src/shared/saved-views';
import { parseWebviewState } from '../../../src/shared/webview-state';
import { parseWebviewToHost } from '../../../src/shared/validate-messages';

const filters = { granularity: 'lines', focus: '^main\\.', ignore: '', hide: 'runtime', show: '', tagFocus: '', tagIgnore: '', tagRoot: '', tagLeaf: '' } as const;

test('webview state: each known field is kept when well-formed, dropped when not', () => {
  assert.deepEqual(parseWebviewState({ sampleIndex: 2, sampleType: 'alloc_space', view: 'top', filters, zoomPath: ['main.main', 'main.work'] }), {
    sampleIndex: 2,
    sampleType: 'alloc_space',
    view: 'top',
    filters,
    zoomPath: ['main.main', 'main.work'],
  });
  assert.deepEqual(parseWebviewState({ sampleIndex: -1, sampleType: 3, view: 7, filters: { ...filters, granularity: 'bytes' }, zoomPath: [1] }), {});
  assert.deepEqual(parseWebviewState({ filters: { ...filters, tagFocus: undefined } }), {});
  assert.deepEqual(parseWebviewState('top'), {});
  assert.deepEqual(parseWebviewState(null), {});
});

test('the host takes the webview state through the same parser', () => {
  assert.deepEqual(parseWebviewToHost({ kind: 'viewState', state: { view: 'tree', sampleIndex: 'x' } }), { kind: 'viewState', state: { view: 'tree' } });
  assert.equal(parseWebviewToHost({ kind: 'viewState', state: 'tree' }), undefined);
  assert.deepEqual(parseWebviewToHost({ kind: 'viewApplied', name: 'v', notApplied: ['a'] }), { kind: 'viewApplied', name: 'v', notApplied: ['a'] });
  assert.equal(parseWebviewToHost({ kind: 'viewApplied', name: 'v', notApplied: [1] }), undefined);
});

test('views file: round trip, unknown fields kept as written', () => {
  const text = JSON.stringify({
    version: 1,
    views: [
      { name: 'allocs of main', state: { sampleType: 'alloc_space', view: 'top', filters, transforms: [{ kind: 'merge', name: 'main.x' }], labelPivot: { by: 'phase' } } },
      { name: 'flame', state: { view: 'flame', zoomPath: ['main.main'] } },
    ],
  });
  const views = parseSavedViews(text);
  assert.deepEqual(
    views.map((v) => [v.name, v.state]),
    [
      ['allocs of main', { sampleType: 'alloc_space', view: 'top', filters, transforms: [{ kind: 'merge', name: 'main.x' }] }],
      ['flame', { view: 'flame', zoomPath: ['main.main'] }],
    ],
  );
  assert.deepEqual(JSON.parse(formatSavedViews(views)), JSON.parse(text));
});

test('views file: what is wrong is said, in one line', () => {
  const cases: [string, RegExp][] = [
    ['{', /^not valid JSON \(/],
    ['[]', /"views" array/],
    ['{"views": {}}', /"views" array/],
    ['{"version": 2, "views": []}', /version 2 .* newer/],
    ['{"views": [7]}', /views\[0\] is not an object/],
    ['{"views": [{"name": " ", "state": {}}]}', /views\[0\] has no "name"/],
    ['{"views": [{"name": "a"}]}', /view "a" has no "state"/],
    ['{"views": [{"name": "a", "state": {"view": 1, "filters": {}}}]}', /view "a": malformed "view", "filters"/],
    ['{"views": [{"name": "a", "state": {"transforms": [{"kind": "merge"}]}}]}', /view "a": malformed "transforms"/],
    ['{"views": [{"name": "a", "state": {}}, {"name": "a", "state": {}}]}', /two views are named "a"/],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => parseSavedViews(text), (e: unknown) => e instanceof SavedViewsError && message.test(e.message) && !e.message.includes('\n'), text);
  }
});

test('saving keeps the sample type by name, not by index; replace, rename, delete', () => {
  assert.deepEqual(viewStateToSave({ sampleIndex: 1, sampleType: 'alloc_space', view: 'top' }), { sampleType: 'alloc_space', view: 'top' });
  let views = withView([], 'a', { view: 'top' });
  views = withView(views, 'b', { view: 'tree' });
  views = withView(views, 'a', { view: 'flame' });
  assert.deepEqual(views.map((v) => [v.name, v.state.view]), [['a', 'flame'], ['b', 'tree']]);
  assert.throws(() => renamedView(views, 'a', 'b'), /a view named "b" already exists/);
  views = renamedView(views, 'a', 'c');
  assert.deepEqual(views.map((v) => v.name), ['c', 'b']);
  assert.deepEqual(withoutView(views, 'c').map((v) => v.name), ['b']);
});
