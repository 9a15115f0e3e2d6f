/**
 * Entry of the trace worker thread (bundled to dist/trace-worker.js): reads one trace file and
 * answers with its view model (its typed arrays transferred, not copied), or with a one-line
 * message naming the file and what is wrong. Parsing a large trace takes seconds; here it
 * never stalls the extension host. A large trace's model is sent as a first window only and
 * the worker stays to answer window requests (src/shared/trace-window.ts) while it is open.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ProfileError } from '../pprof/errors';
import { readProfileBytes } from '../pprof/read-file-node';
import { windowOf } from '../shared/trace-window';
import type { TraceViewModel } from '../shared/trace-view';
import { TraceError } from '../trace/errors';
import { readTrace } from '../trace/read';
import { traceViewModel } from '../trace/trace-view-model';
import { modelBuffers, windowBuffers, WINDOW_ABOVE_SLICES, type TraceWorkerAnswer, type TraceWorkerInput, type WorkerWindowRequest } from './trace-worker-protocol';

async function load(input: TraceWorkerInput): Promise<{ answer: TraceWorkerAnswer; full?: TraceViewModel }> {
  try {
    let at = performance.now();
    const lap = (): number => -at + (at = performance.now());
    const bytes = await readProfileBytes(input.path);
    const readMs = lap();
    const trace = readTrace(bytes, input.path);
    const parseMs = lap();
    const full = traceViewModel(trace, input.fileName);
    const viewModelMs = lap();
    if (full.slices.count <= (input.windowAbove ?? WINDOW_ABOVE_SLICES)) return { answer: { ok: true, model: full, stages: { readMs, parseMs, viewModelMs, windowMs: 0 } } };
    const first = windowOf(full, { seq: 0, start: 0, end: Math.max(1, full.durationNs), pixels: 2000, goroutines: [] });
    const { slices, procs, threads, groupRows } = first;
    const stages = { readMs, parseMs, viewModelMs, windowMs: lap() };
    return { answer: { ok: true, model: { ...full, complete: false, slices, procs, threads, groupRows }, stages }, full };
  } catch (error) {
    if (error instanceof TraceError || error instanceof ProfileError) return { answer: { ok: false, message: error.message } };
    return { answer: { ok: false, message: `${input.path}: cannot read the trace: ${error instanceof Error ? error.message : String(error)}` } };
  }
}

const port = parentPort;
if (!port) throw new Error('trace-worker must run in a worker thread');
void load(workerData as TraceWorkerInput).then(({ answer, full }) => {
  port.postMessage(answer, answer.ok ? modelBuffers(answer.model) : []);
  if (full === undefined) return;
  // The host's own requests (checked by the host when they came from the webview).
  port.on('message', (r: WorkerWindowRequest) => {
    const window = windowOf(full, r.request);
    port.postMessage({ id: r.id, window }, windowBuffers(window));
  });
});
