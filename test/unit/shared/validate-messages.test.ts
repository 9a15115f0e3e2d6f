import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseWebviewToHost } from '../../../src/shared/validate-messages';

test('webview messages: ready and well-formed requests pass', () => {
  assert.deepEqual(parseWebviewToHost({ kind: 'ready' }), { kind: 'ready' });
  assert.deepEqual(parseWebviewToHost({ kind: 'request', id: 3, method: 'top', params: { sampleIndex: 1 } }), {
    kind: 'request',
    id: 3,
    method: 'top',
    params: { sampleIndex: 1 },
  });
});

test('webview messages: anything malformed is refused', () => {
  const bad: unknown[] = [
    null,
    'ready',
    [],
    { kind: 'nope' },
    { kind: 'request', id: 1, method: 'top' },
    { kind: 'request', id: 1, method: 'top', params: { sampleIndex: -1 } },
    { kind: 'request', id: 1, method: 'top', params: { sampleIndex: 1.5 } },
    { kind: 'request', id: 1, method: 'top', params: { sampleIndex: '1' } },
    { kind: 'request', id: '1', method: 'top', params: { sampleIndex: 1 } },
    { kind: 'request', id: 1, method: 'toString', params: { sampleIndex: 1 } },
    { kind: 'request', id: 1, method: 'open', params: { bytes: new Uint8Array(1), source: 'x', maxInflatedBytes: 1 } },
  ];
  for (const message of bad) assert.equal(parseWebviewToHost(message), undefined, JSON.stringify(message));
});

test('webview messages: every view method checks its params with its own parser', () => {
  const request = (method: string, params: unknown): unknown => parseWebviewToHost({ kind: 'request', id: 2, method, params });
  const graph = { sampleIndex: 0, nodeCount: 80, nodeFraction: 0.005, edgeFraction: 0.001 };
  assert.deepEqual(request('callgraph', { ...graph, callTree: true }), { kind: 'request', id: 2, method: 'callgraph', params: { ...graph, callTree: true } });
  assert.equal(request('callgraph', { ...graph, nodeFraction: 2 }), undefined);
  assert.equal(request('callgraph', { sampleIndex: 0 }), undefined);
  assert.deepEqual(request('flame', { sampleIndex: 1, focus: 'main', extra: '<script>' }), { kind: 'request', id: 2, method: 'flame', params: { sampleIndex: 1, focus: 'main' } });
  assert.deepEqual(request('goroutines', { sampleIndex: 0 }), { kind: 'request', id: 2, method: 'goroutines', params: { sampleIndex: 0 } });
  assert.equal(request('goroutines', { sampleIndex: 0, granularity: 'addresses' }), undefined);
  assert.deepEqual(request('peek', { sampleIndex: 0, name: 'main.f' }), { kind: 'request', id: 2, method: 'peek', params: { sampleIndex: 0, name: 'main.f' } });
  // Message kinds are looked up as own keys only.
  assert.equal(parseWebviewToHost({ kind: 'toString' }), undefined);
  assert.equal(parseWebviewToHost({ kind: '__proto__' }), undefined);
});
