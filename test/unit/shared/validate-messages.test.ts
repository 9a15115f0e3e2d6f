import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHostToWorker, parseSummary, parseTopView, parseWebviewToHost, parseWorkerToHost } from '../../../src/shared/validate-messages';
import type { ProfileSummary, TopView } from '../../../src/shared/view-model';

const summary: ProfileSummary = {
  source: 'cpu.pb.gz',
  sampleTypes: [
    { type: 'samples', unit: 'count' },
    { type: 'cpu', unit: 'nanoseconds' },
  ],
  defaultSampleTypeIndex: 1,
  periodType: { type: 'cpu', unit: 'nanoseconds' },
  period: 10_000_000,
  periodText: '10ms',
  timeNanos: 1_666_107_597_086_748_200,
  durationNanos: 240_359_136_496,
  durationText: '240.36s',
  sampleCount: 20430,
  comments: [],
  labels: [{ key: 'phase', values: ['<b>x</b>', 'init'] }],
};

const top: TopView = {
  sampleIndex: 1,
  sampleType: { type: 'cpu', unit: 'nanoseconds' },
  total: 3e9,
  totalText: '3s',
  rows: [
    { name: 'main.f', file: 'main.go', line: 0, flat: 2e9, cum: 3e9, flatText: '2s', flatPercent: '66.67%', sumPercent: '66.67%', cumText: '3s', cumPercent: '100%' },
  ],
  shownText: '2s',
  shownPercent: '66.67%',
  omittedRows: 0,
};

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

test('worker requests: open needs bytes, a source and a cap', () => {
  const bytes = new Uint8Array([1, 2]);
  const open = parseHostToWorker({ kind: 'request', id: 1, method: 'open', params: { bytes, source: 'a.pprof', maxInflatedBytes: 100 } });
  assert.equal(open?.method, 'open');
  assert.equal(parseHostToWorker({ kind: 'request', id: 1, method: 'open', params: { bytes: [1, 2], source: 'a', maxInflatedBytes: 1 } }), undefined);
  assert.equal(parseHostToWorker({ kind: 'request', id: 2, method: 'top', params: {} }), undefined);
  assert.equal(parseHostToWorker({ kind: 'request', id: 2, method: 'top', params: { sampleIndex: 0 } })?.method, 'top');
});

test('worker responses: results are checked against their method', () => {
  assert.deepEqual(parseWorkerToHost({ kind: 'response', id: 1, ok: true, method: 'open', result: summary }), {
    kind: 'response',
    id: 1,
    ok: true,
    method: 'open',
    result: summary,
  });
  assert.equal(parseWorkerToHost({ kind: 'response', id: 1, ok: true, method: 'open', result: top }), undefined);
  assert.equal(parseWorkerToHost({ kind: 'response', id: 1, ok: true, method: 'top', result: summary }), undefined);
  assert.deepEqual(parseWorkerToHost({ kind: 'response', id: 4, ok: false, error: 'x.pb.gz: truncated' }), {
    kind: 'response',
    id: 4,
    ok: false,
    error: 'x.pb.gz: truncated',
  });
  assert.equal(parseWorkerToHost({ kind: 'response', id: 4, ok: false }), undefined);
});

test('summary and top view validators keep valid data and refuse broken fields', () => {
  assert.deepEqual(parseSummary(summary), summary);
  assert.deepEqual(parseSummary({ ...summary, periodType: undefined }), { ...summary, periodType: undefined });
  assert.equal(parseSummary({ ...summary, sampleTypes: [{ type: 'cpu' }] }), undefined);
  assert.equal(parseSummary({ ...summary, comments: [1] }), undefined);
  assert.deepEqual(parseTopView(top), top);
  assert.equal(parseTopView({ ...top, rows: [{ ...top.rows[0], flat: 'lots' }] }), undefined);
  assert.equal(parseTopView({ ...top, shownPercent: 3 }), undefined);
});
