import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PrefetchedViews } from '../../../src/profile-editor/prefetched-views';
import type { StackTreeView } from '../../../src/shared/view-model';

const tree = { total: 7 } as StackTreeView;

test('a prefetched answer is taken once, by exactly the same method and params', async () => {
  const views = new PrefetchedViews();
  let asked = 0;
  views.prefetch('flame', { sampleIndex: 1 }, () => {
    asked++;
    return Promise.resolve(tree);
  });
  assert.equal(asked, 1, 'asked at once');
  assert.equal(views.take('flame', { sampleIndex: 0 }), undefined, 'other params');
  assert.equal(views.take('flameWhole', { sampleIndex: 1 }), undefined, 'other method');
  assert.equal(await views.take('flame', { sampleIndex: 1 }), tree);
  assert.equal(views.take('flame', { sampleIndex: 1 }), undefined, 'only once');
});

test('a failed prefetch fails the request that takes it; clear forgets every answer', async () => {
  const views = new PrefetchedViews();
  views.prefetch('flame', { sampleIndex: 0 }, () => Promise.reject(new Error('x.pb.gz: too many frames')));
  await assert.rejects(views.take('flame', { sampleIndex: 0 })!, /too many frames/);
  views.prefetch('flame', { sampleIndex: 0 }, () => Promise.resolve(tree));
  views.clear();
  assert.equal(views.take('flame', { sampleIndex: 0 }), undefined);
});
