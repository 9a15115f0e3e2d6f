/** Entry of the decode worker thread (bundled to dist/decode-worker.js). */
import { parentPort } from 'node:worker_threads';
import type { HostToWorker } from './worker-protocol';
import { WorkerHandlers } from './worker-handlers';

const port = parentPort;
if (!port) throw new Error('decode-worker must run in a worker thread');

const handlers = new WorkerHandlers();
// Only the extension host posts here, with requests typed by WorkerMethods (what the webview
// asked was checked by the host before it was forwarded).
port.on('message', (request: HostToWorker) => {
  port.postMessage(handlers.answer(request));
});
