/**
 * The host side of one decode worker: starts the thread, sends typed requests, settles them
 * with the responses. No `vscode` import, so plain Node tests drive the real worker through it.
 */
import { Worker } from 'node:worker_threads';
import { RpcClient, type MethodName, type ParamsOf, type ResultOf } from '../shared/rpc';
import type { HostToWorker, WorkerMethods, WorkerToHost } from './worker-protocol';

export class ProfileWorker {
  private readonly worker: Worker;
  private readonly rpc: RpcClient<WorkerMethods>;
  private terminated = false;

  constructor(scriptPath: string, onProblem: (message: string) => void = () => undefined) {
    this.worker = new Worker(scriptPath);
    this.rpc = new RpcClient<WorkerMethods>((request) => this.post(request));
    // The worker is this extension's own code: its answers are trusted by their type.
    this.worker.on('message', (response: WorkerToHost) => {
      if (!this.rpc.handleResponse(response)) onProblem(`decode worker answered unknown request ${response.id}`);
    });
    this.worker.on('error', (error) => {
      this.rpc.dispose(`the decode worker failed: ${error.message}`);
    });
    this.worker.on('exit', (code) => {
      this.rpc.dispose(this.terminated ? 'the profile was closed' : `the decode worker stopped (exit code ${code})`);
    });
  }

  request<K extends MethodName<WorkerMethods>>(method: K, params: ParamsOf<WorkerMethods, K>): Promise<ResultOf<WorkerMethods, K>> {
    return this.rpc.request(method, params);
  }

  /** Whether `terminate` was called (a crashed thread is not "stopped": its requests fail). */
  get stopped(): boolean {
    return this.terminated;
  }

  /** Stops the thread at once (abandoning a decode in progress) and rejects pending requests. */
  async terminate(): Promise<void> {
    if (this.terminated) return;
    this.terminated = true;
    this.rpc.dispose('the profile was closed');
    await this.worker.terminate();
  }

  private post(request: HostToWorker): void {
    // The file's bytes move to the worker instead of being copied.
    const buffer = request.method === 'open' ? request.params.bytes.buffer : undefined;
    this.worker.postMessage(request, buffer instanceof ArrayBuffer ? [buffer] : []);
  }
}

/** A Uint8Array that owns its whole buffer, so the buffer can be transferred safely. */
export function ownedBytes(bytes: Uint8Array): Uint8Array {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  return whole ? bytes : bytes.slice();
}
