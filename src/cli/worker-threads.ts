/**
 * node:worker_threads, for the CLI to import() only when it needs a thread: loading it costs ~4 ms
 * of a small report's start-up. Through this module, not import('node:worker_threads'): the bundle
 * turns an import() of its own modules into a require, but keeps an import() of Node's, which
 * fails in dist/cli.js's vm.Script (code-cache.ts).
 */
export { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
