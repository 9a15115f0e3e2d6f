import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHostToWorker, parseWebviewToHost, parseWorkerToHost } from '../../../src/shared/validate-messages';
import { parsePeekView, parseStackTreeView, parseViewQuery } from '../../../src/shared/validate-views';

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
  assert.equal(parseHostToWorker({ kind: 'request', id: 5, method: 'flame', params: { sampleIndex: 0 } })?.kind, 'request');
});

function tree(): Record<string, unknown> {
  return {
    sampleIndex: 0,
    unit: 'nanoseconds',
    total: 30,
    totalText: '30ns',
    frames: [{ name: '<b>x</b>', file: 'x.go', line: 0, startLine: 4 }],
    frame: Int32Array.from([-1, 0]),
    parent: Int32Array.from([-1, 0]),
    firstChild: Int32Array.from([1, 2]),
    childCount: Int32Array.from([1, 0]),
    value: Float64Array.from([30, 30]),
    self: Float64Array.from([0, 30]),
  };
}

test('stack trees: typed arrays of one length, frames and children in range', () => {
  const ok = parseStackTreeView(tree());
  assert.equal(ok?.frames[0]?.name, '<b>x</b>');
  assert.equal(parseStackTreeView({ ...tree(), value: [30, 30] }), undefined);
  assert.equal(parseStackTreeView({ ...tree(), frame: Int32Array.from([-1, 1]) }), undefined);
  assert.equal(parseStackTreeView({ ...tree(), childCount: Int32Array.from([2, 0]) }), undefined);
  assert.equal(parseStackTreeView({ ...tree(), base: Float64Array.from([1]) }), undefined);
  const comparison = { base: 1, current: 30, baseText: '1ns', currentText: '30ns' };
  const diff = parseStackTreeView({ ...tree(), base: Float64Array.from([1, 1]), baseSelf: Float64Array.from([0, 1]), baseSource: 'b', comparison });
  assert.deepEqual(diff?.comparison, comparison, 'the comparison totals survive the parse');
  assert.equal(parseStackTreeView({ ...tree(), comparison: { ...comparison, base: 'x' } }), undefined);
  const response = parseWorkerToHost({ kind: 'response', id: 1, ok: true, method: 'flame', result: tree() });
  assert.equal(response?.ok, true);
});

test('peek views', () => {
  const row = { name: 'f', value: 1, valueText: '1ns', percent: '1%' };
  assert.ok(parsePeekView({ name: 'g', flatText: '0', cumText: '1ns', callers: [row], callees: [] }));
  assert.equal(parsePeekView({ name: 'g', flatText: '0', cumText: '1ns', callers: [{ ...row, value: 'x' }], callees: [] }), undefined);
});
