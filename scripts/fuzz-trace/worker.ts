/**
 * The worker of `npm run fuzz:trace`: reads mutated traces from index `first` on, writing the
 * index it is on into the shared counter before each, so the main thread can tell a hang.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { TraceError } from '../../src/trace/errors';
import { readTrace } from '../../src/trace/read';
import { traceInput, type TraceFuzzInit } from './inputs';

const init = workerData as TraceFuzzInit;
const state = new Int32Array(init.state);
let read = 0;
let refused = 0;
for (let i = init.first; i < init.end && Date.now() < init.deadline; i++) {
  Atomics.store(state, 0, i);
  const input = traceInput(init.corpus, init.seed, i);
  try {
    readTrace(input.bytes, 'fuzzed.trace');
    read++;
  } catch (error) {
    if (error instanceof TraceError && error.message.startsWith('fuzzed.trace: ') && !error.message.includes('\n')) refused++;
    else parentPort!.postMessage({ type: 'crash', index: i, description: input.description, detail: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}
parentPort!.postMessage({ type: 'done', read, refused });
