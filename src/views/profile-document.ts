/**
 * One opened profile file: its decode worker and the outcome of decoding it. Several editors
 * of the same file share it; closing the last one disposes it and stops the worker.
 */
import * as vscode from 'vscode';
import { DEFAULT_MAX_INFLATED_BYTES } from '../pprof/inflate';
import type { MethodName, ParamsOf, ResultOf } from '../shared/rpc';
import type { ProfileSummary } from '../shared/view-model';
import type { WorkerMethods } from '../shared/worker-protocol';
import { ownedBytes, ProfileWorker } from './profile-worker';
import { readGoroutineDump } from './goroutines-dump-file';

export type LoadOutcome = { readonly ok: true; readonly summary: ProfileSummary } | { readonly ok: false; readonly message: string };

/** Files at least this big get a cancellable notification; smaller ones a status bar spinner. */
const NOTIFY_ABOVE_BYTES = 16 * 1024 * 1024;

export class ProfileDocument implements vscode.CustomDocument {
  readonly fileName: string;
  readonly loaded: Promise<LoadOutcome>;
  private readonly worker: ProfileWorker;
  private closed = false;

  constructor(
    readonly uri: vscode.Uri,
    workerScript: string,
    log: vscode.LogOutputChannel,
  ) {
    this.fileName = uri.path.slice(uri.path.lastIndexOf('/') + 1) || uri.toString();
    this.worker = new ProfileWorker(workerScript, (problem) => log.warn(`${this.fileName}: ${problem}`));
    this.loaded = this.load();
  }

  request<K extends MethodName<WorkerMethods>>(method: K, params: ParamsOf<WorkerMethods, K>): Promise<ResultOf<WorkerMethods, K>> {
    return this.worker.request(method, params);
  }

  /** Decodes `uri` in this document's worker as the base of comparisons; returns its name. */
  async openBase(uri: vscode.Uri): Promise<string> {
    await this.loaded;
    const source = uri.path.slice(uri.path.lastIndexOf('/') + 1) || uri.toString();
    const bytes = ownedBytes(await vscode.workspace.fs.readFile(uri));
    const info = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Decoding ${source}` }, () =>
      this.worker.request('openBase', { bytes, source, maxInflatedBytes: DEFAULT_MAX_INFLATED_BYTES }),
    );
    return info.source;
  }

  dispose(): void {
    this.closed = true;
    void this.worker.terminate();
  }

  private async load(): Promise<LoadOutcome> {
    try {
      const stat = await vscode.workspace.fs.stat(this.uri);
      const big = stat.size >= NOTIFY_ABOVE_BYTES;
      const title = `Decoding ${this.fileName}`;
      const options: vscode.ProgressOptions = big
        ? { location: vscode.ProgressLocation.Notification, title, cancellable: true }
        : { location: vscode.ProgressLocation.Window, title };
      const summary = await vscode.window.withProgress(options, async (progress, token) => {
        token.onCancellationRequested(() => this.dispose());
        progress.report({ message: 'reading' });
        const bytes = ownedBytes(await vscode.workspace.fs.readFile(this.uri));
        const goroutineDump = await readGoroutineDump(this.uri);
        progress.report({ message: 'decoding' });
        return this.worker.request('open', { bytes, source: this.fileName, maxInflatedBytes: DEFAULT_MAX_INFLATED_BYTES, ...(goroutineDump !== undefined ? { goroutineDump } : {}) });
      });
      return { ok: true, summary };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      if (this.closed) return { ok: false, message: `${this.fileName}: decoding was cancelled` };
      // Decoder messages already start with the file name; file system errors may not.
      return { ok: false, message: detail.startsWith(this.fileName) ? detail : `${this.fileName}: ${detail}` };
    }
  }
}
