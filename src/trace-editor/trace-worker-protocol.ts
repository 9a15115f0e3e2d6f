/** What the trace worker is given and answers; and the host's end of it (no vscode, so plain Node drives it). */
import { Worker } from 'node:worker_threads';
import type { TraceViewModel } from '../shared/trace-view';

export interface TraceWorkerInput {
  readonly path: string;
  /** The name the view shows. */
  readonly fileName: string;
}

export type TraceWorkerAnswer = { readonly ok: true; readonly model: TraceViewModel } | { readonly ok: false; readonly message: string };

/** The buffers of the model's typed arrays, to transfer rather than copy. */
export function modelBuffers(model: TraceViewModel): ArrayBuffer[] {
  const arrays = [model.slices.times, model.slices.ints, model.syscalls, model.regions, model.heap, ...[...model.procs, ...model.threads, ...model.groupRows].map((r) => r.slices)];
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

/** Reads the trace in a worker thread; `cancel` ends the thread (the editor was closed). */
export function loadTraceInWorker(script: string, input: TraceWorkerInput): { readonly answer: Promise<TraceWorkerAnswer>; cancel(): void } {
  const worker = new Worker(script, { workerData: input });
  const answer = new Promise<TraceWorkerAnswer>((resolve) => {
    // The worker is this extension's own code: its answer is trusted by its type.
    worker.once('message', (a: TraceWorkerAnswer) => resolve(a));
    worker.once('error', (e) => resolve({ ok: false, message: `${input.path}: the trace worker failed: ${e.message}` }));
    worker.once('exit', (code) => resolve({ ok: false, message: `${input.path}: the trace worker stopped (exit code ${code})` }));
  });
  void answer.then(() => worker.terminate());
  return { answer, cancel: () => void worker.terminate() };
}
