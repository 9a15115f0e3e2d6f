// Spawns the real trace worker thread (bundled with esbuild like dist/trace-worker.js).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import { windowOf } from '../../../src/shared/trace-window';
import { formatStages, loadTraceInWorker } from '../../../src/trace-editor/trace-worker-protocol';
import { readTrace } from '../../../src/trace/read';
import { traceViewModel } from '../../../src/trace/trace-view-model';

const FILE = join(__dirname, '..', '..', 'fixtures', 'traces', 'tracer-go1.26.trace');
const dir = mkdtempSync(join(tmpdir(), 'trace-worker-test-'));
const script = join(dir, 'trace-worker.js');
const full = traceViewModel(readTrace(new Uint8Array(readFileSync(FILE)), FILE), 'x.trace');

before(async () => {
  await build({ entryPoints: [join(__dirname, '..', '..', '..', 'src', 'trace-editor', 'trace-worker.ts')], outfile: script, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('a small trace: the whole view model, typed arrays and all', async () => {
  const handle = loadTraceInWorker(script, { path: FILE, fileName: 'x.trace' });
  const answer = await handle.answer;
  assert.ok(answer.ok);
  assert.deepEqual(answer.model, full);
  assert.equal(await handle.window({ seq: 1, start: 0, end: 10, pixels: 10, goroutines: [] }), undefined, 'no worker left to ask');
});

test('the answer names the time of each stage, for the log line', async () => {
  const answer = await loadTraceInWorker(script, { path: FILE, fileName: 'x.trace' }).answer;
  assert.ok(answer.ok && answer.stages);
  const { readMs, parseMs, viewModelMs, windowMs } = answer.stages;
  for (const ms of [readMs, parseMs, viewModelMs]) assert.ok(ms >= 0 && Number.isFinite(ms));
  assert.equal(windowMs, 0, 'a small trace has no first window');
  assert.equal(
    formatStages('x.trace', { readMs: 1.4, parseMs: 2000.6, viewModelMs: 1500, windowMs: 180 }, 4012.2),
    'x.trace: read 1 ms, parse 2001 ms, view model 1500 ms, first window 180 ms (worker); model at the host 4012 ms after the open',
  );
});

test('a trace above the threshold: a first window, then the windows asked for, as windowOf computes them', async () => {
  const handle = loadTraceInWorker(script, { path: FILE, fileName: 'x.trace', windowAbove: 100 });
  try {
    const answer = await handle.answer;
    assert.ok(answer.ok);
    assert.equal(answer.model.complete, false);
    const first = windowOf(full, { seq: 0, start: 0, end: full.durationNs, pixels: 2000, goroutines: [] });
    assert.deepEqual(answer.model.slices, first.slices);
    assert.deepEqual(answer.model.goroutines, full.goroutines);
    const g = full.goroutines.find((r) => r.name === 'main.locks.func1')!.id;
    const req = { seq: 7, start: full.durationNs * 0.3, end: full.durationNs * 0.4, pixels: 400, goroutines: [g] };
    const [a, b] = await Promise.all([handle.window(req), handle.window({ ...req, seq: 8, pixels: 50 })]);
    assert.deepEqual(a, windowOf(full, req));
    assert.equal(b?.seq, 8, 'answers go to their own request');
  } finally {
    handle.cancel();
  }
});

test('a file that is not a trace: the one-line message naming it', async () => {
  const bad = join(dir, 'bad.trace');
  writeFileSync(bad, 'not a trace at all');
  const answer = await loadTraceInWorker(script, { path: bad, fileName: 'bad.trace' }).answer;
  assert.ok(!answer.ok);
  assert.match(answer.message, /bad\.trace/);
  assert.doesNotMatch(answer.message, /\n/);
});
