import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseWebviewToHost } from '../../../src/shared/validate-messages';
import { parseViewQuery } from '../../../src/shared/validate-views';

test('a view query keeps the fields given and refuses wrong types', () => {
  assert.deepEqual(parseViewQuery({ sampleIndex: 1 }), { sampleIndex: 1 });
  assert.deepEqual(parseViewQuery({ sampleIndex: 0, granularity: 'lines', focus: 'a', tagFocus: 'k=v', diff: true }), {
    sampleIndex: 0,
    granularity: 'lines',
    focus: 'a',
    tagFocus: 'k=v',
    diff: true,
  });
  assert.equal(parseViewQuery({ sampleIndex: 0, granularity: 'addresses' }), undefined);
  assert.equal(parseViewQuery({ sampleIndex: 0, focus: 3 }), undefined);
  assert.equal(parseViewQuery({ sampleIndex: -1 }), undefined);
  assert.equal(parseViewQuery({ sampleIndex: 0, diff: 'yes' }), undefined);
});

test('webview messages: openSource, saveImage, compareWith and the new view requests', () => {
  assert.deepEqual(parseWebviewToHost({ kind: 'openSource', file: '/a.go', line: 3 }), { kind: 'openSource', file: '/a.go', line: 3 });
  assert.equal(parseWebviewToHost({ kind: 'openSource', file: '/a.go', line: -3 }), undefined);
  assert.deepEqual(parseWebviewToHost({ kind: 'openSource', file: '/a.go', line: 0, functionName: 'main.f' }), {
    kind: 'openSource',
    file: '/a.go',
    line: 0,
    functionName: 'main.f',
  });
  assert.equal(parseWebviewToHost({ kind: 'openSource', file: '/a.go', line: 3, functionName: 7 }), undefined);
  assert.deepEqual(parseWebviewToHost({ kind: 'saveImage', format: 'svg', data: '<svg/>' }), { kind: 'saveImage', format: 'svg', data: '<svg/>' });
  assert.equal(parseWebviewToHost({ kind: 'saveImage', format: 'gif', data: '' }), undefined);
  assert.deepEqual(parseWebviewToHost({ kind: 'compareWith', extra: 1 }), { kind: 'compareWith' });
  assert.deepEqual(parseWebviewToHost({ kind: 'stopComparing' }), { kind: 'stopComparing' });
  assert.deepEqual(parseWebviewToHost({ kind: 'request', id: 4, method: 'tree', params: { sampleIndex: 0, direction: 'bottom-up' } }), {
    kind: 'request',
    id: 4,
    method: 'tree',
    params: { sampleIndex: 0, direction: 'bottom-up' },
  });
  assert.equal(parseWebviewToHost({ kind: 'request', id: 4, method: 'tree', params: { sampleIndex: 0, direction: 'sideways' } }), undefined);
  assert.equal(parseWebviewToHost({ kind: 'request', id: 4, method: 'peek', params: { sampleIndex: 0 } }), undefined);
  // The webview cannot ask for a base file to be decoded: only the host picks files.
  assert.equal(parseWebviewToHost({ kind: 'request', id: 5, method: 'openBase', params: {} }), undefined);
});
