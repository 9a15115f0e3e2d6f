/** Entry of the decode worker thread (bundled to dist/decode-worker.js). */
import { parentPort } from 'node:worker_threads';
import { parseHostToWorker } from '../shared/validate-messages';
import type { WorkerToHost } from './worker-protocol';
import { WorkerHandlers } from './worker-handlers';

const port = parentPort;
if (!port) throw new Error('decode-worker must run in a worker thread');

const handlers = new WorkerHandlers();
port.on('message', (raw: unknown) => {
  const request = parseHostToWorker(raw);
  if (!request) {
    const id = typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'number' ? raw.id : 0;
    const reply: WorkerToHost = { kind: 'response', id, ok: false, error: 'malformed request to the decode worker' };
    port.postMessage(reply);
    return;
  }
  port.postMessage(handlers.answer(request));
});
