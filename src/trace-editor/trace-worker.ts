/**
 * Entry of the trace worker thread (bundled to dist/trace-worker.js): reads one trace file and
 * answers with its view model (its typed arrays transferred, not copied), or with a one-line message naming the file and what is wrong.
 * Parsing a large trace takes seconds; here it never stalls the extension host.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ProfileError } from '../pprof/errors';
import { readProfileBytes } from '../pprof/read-file-node';
import { TraceError } from '../trace/errors';
import { readTrace } from '../trace/read';
import { traceViewModel } from '../trace/trace-view-model';
import { modelBuffers, type TraceWorkerAnswer, type TraceWorkerInput } from './trace-worker-protocol';

async function answer(input: TraceWorkerInput): Promise<TraceWorkerAnswer> {
  try {
    const trace = readTrace(await readProfileBytes(input.path), input.path);
    return { ok: true, model: traceViewModel(trace, input.fileName) };
  } catch (error) {
    if (error instanceof TraceError || error instanceof ProfileError) return { ok: false, message: error.message };
    return { ok: false, message: `${input.path}: cannot read the trace: ${error instanceof Error ? error.message : String(error)}` };
  }
}

const port = parentPort;
if (!port) throw new Error('trace-worker must run in a worker thread');
// The typed arrays are moved to the host, not copied.
void answer(workerData as TraceWorkerInput).then((result) => port.postMessage(result, result.ok ? modelBuffers(result.model) : []));
