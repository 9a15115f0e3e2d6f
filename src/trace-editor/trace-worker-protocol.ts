/** What the trace worker is given and answers; and the host's end of it (no vscode, so plain Node drives it). */
import { Worker } from 'node:worker_threads';
import type { TraceViewModel } from '../shared/trace-view';
import type { TraceWindow, TraceWindowRequest } from '../shared/trace-window';

/** Above this many running slices the webview gets windows (level of detail) instead of all of them. */
export const WINDOW_ABOVE_SLICES = 200_000;

export interface TraceWorkerInput {
  readonly path: string;
  /** The name the view shows. */
  readonly fileName: string;
  /** WINDOW_ABOVE_SLICES unless given (tests). */
  readonly windowAbove?: number;
}

/** Wall milliseconds of the worker's stages on one trace (for the log: where an open's time went). */
export interface TraceWorkerStages {
  readonly readMs: number;
  readonly parseMs: number;
  readonly viewModelMs: number;
  /** The first window of a large trace (0 when the whole model is sent). */
  readonly windowMs: number;
}

export type TraceWorkerAnswer = { readonly ok: true; readonly model: TraceViewModel; readonly stages?: TraceWorkerStages } | { readonly ok: false; readonly message: string };

/** One log line: the stages of opening a trace, worker and host. */
export function formatStages(fileName: string, stages: TraceWorkerStages, answeredAfterMs: number): string {
  const ms = (n: number): string => `${Math.round(n)} ms`;
  return `${fileName}: read ${ms(stages.readMs)}, parse ${ms(stages.parseMs)}, view model ${ms(stages.viewModelMs)}, first window ${ms(stages.windowMs)} (worker); model at the host ${ms(answeredAfterMs)} after the open`;
}

export interface WorkerWindowRequest {
  readonly id: number;
  readonly request: TraceWindowRequest;
}

const rowBuffers = (rows: readonly { slices: Int32Array }[]): ArrayBuffer[] => rows.map((r) => r.slices.buffer as ArrayBuffer);

/** The buffers of the model's typed arrays, to transfer rather than copy. */
export function modelBuffers(model: TraceViewModel): ArrayBuffer[] {
  const arrays = [model.slices.times, model.slices.ints, model.syscalls, model.regions, model.heap].map((a) => a.buffer as ArrayBuffer);
  return [...new Set([...arrays, ...rowBuffers([...model.procs, ...model.threads, ...model.groupRows])])];
}

export function windowBuffers(w: TraceWindow): ArrayBuffer[] {
  return [...new Set([w.slices.times.buffer as ArrayBuffer, w.slices.ints.buffer as ArrayBuffer, ...rowBuffers([...w.procs, ...w.threads, ...w.groupRows, ...w.goroutineRows])])];
}

export interface TraceWorkerHandle {
  readonly answer: Promise<TraceWorkerAnswer>;
  /** A window of a large trace (undefined once the worker is gone). */
  window(request: TraceWindowRequest): Promise<TraceWindow | undefined>;
  /** Ends the thread (the editor was closed). */
  cancel(): void;
}

/** Reads the trace in a worker thread; for a large trace the thread stays to answer window requests. */
export function loadTraceInWorker(script: string, input: TraceWorkerInput): TraceWorkerHandle {
  const worker = new Worker(script, { workerData: input });
  const waiting = new Map<number, (w: TraceWindow | undefined) => void>();
  let next = 1;
  let gone = false;
  const end = (): void => {
    gone = true;
    for (const resolve of waiting.values()) resolve(undefined);
    waiting.clear();
  };
  const answer = new Promise<TraceWorkerAnswer>((resolve) => {
    // The worker is this extension's own code: its messages are trusted by their type.
    worker.once('message', (a: TraceWorkerAnswer) => {
      resolve(a);
      worker.on('message', (m: { id: number; window: TraceWindow }) => {
        waiting.get(m.id)?.(m.window);
        waiting.delete(m.id);
      });
    });
    worker.once('error', (e) => resolve({ ok: false, message: `${input.path}: the trace worker failed: ${e.message}` }));
    worker.once('exit', (code) => {
      end();
      resolve({ ok: false, message: `${input.path}: the trace worker stopped (exit code ${code})` });
    });
  });
  void answer.then((a) => {
    if (!a.ok || a.model.complete) void worker.terminate();
  });
  return {
    answer,
    window: (request) => {
      if (gone) return Promise.resolve(undefined);
      const id = next++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        worker.postMessage({ id, request } satisfies WorkerWindowRequest);
      });
    },
    cancel: () => void worker.terminate(),
  };
}
