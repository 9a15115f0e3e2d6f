/**
 * One opened profile file: its decode worker and the outcome of decoding it. Several editors
 * of the same file share it; closing the last one disposes it and stops the worker.
 * A file above `goProfiler.confirmOpenAboveMB` is decoded only once the user agrees; a file
 * that changes on disk is offered for reload, and a deleted one keeps showing what was loaded.
 */
import * as vscode from 'vscode';
import { readBytes, statRegularFile } from './regular-file';
import { formatValue } from '../shared/units';
import { DEFAULT_MAX_INFLATED_BYTES } from '../pprof/inflate';
import type { MethodName, ParamsOf, ResultOf } from '../shared/rpc';
import type { ProfileSummary } from '../shared/view-model';
import type { AnsweredView } from '../shared/protocol';
import type { WorkerMethods } from '../worker/worker-protocol';
import { readGoroutineDump } from './goroutines-dump-file';
import type { HandedProfile } from './handed-profiles';
import { CONFIRM_OPEN_SETTING, confirmThresholdBytes, needsConfirmation } from './large-profile';
import { fileVersion, ProfileFileWatch, type FileEvent, type FileVersion } from './profile-file-watch';
import { ownedBytes, ProfileWorker } from '../worker/profile-worker';
import { PrefetchedViews } from './prefetched-views';

export type LoadOutcome = { readonly ok: true; readonly summary: ProfileSummary } | { readonly ok: false; readonly message: string };

/**
 * Where the document is: decoding, waiting for the user's OK, shown, failed, not loaded at the
 * user's word, or closed (its last editor closed; nothing happens to it any more); with what
 * only that phase has.
 */
type Phase =
  /** `cancelled`: the user pressed Cancel; the decode's thread is stopped. */
  | { readonly kind: 'loading'; readonly cancelled: boolean }
  /** `answer` settles the size question as the user would. */
  | { readonly kind: 'asking'; readonly answer: (load: boolean) => void }
  | { readonly kind: 'loaded' | 'failed' | 'declined' | 'closed' };

export type LoadPhase = Phase['kind'];

/** What tests and commands can see of a document (no bytes). */
export interface DocumentState {
  readonly uri: string;
  readonly phase: LoadPhase;
  /** 'changed' or 'deleted' since the last load. */
  readonly onDisk: 'same' | 'changed' | 'deleted';
  /** Loads started (the first open counts 1). */
  readonly loads: number;
  readonly sampleCount?: number;
  readonly message?: string;
  /** Where the latest load's bytes came from: a session's capture in memory, or the file. */
  readonly loadedFrom?: 'memory' | 'disk';
  /** How many bytes (as stored, gzipped or not) the latest load decoded. */
  readonly loadedBytes?: number;
}

export const LOAD_ANYWAY_COMMAND = 'goProfiler.loadProfileAnyway';
export const RELOAD_COMMAND = 'goProfiler.reloadProfile';

/** Files at least this big get a cancellable notification; smaller ones a status bar spinner. */
const NOTIFY_ABOVE_BYTES = 16 * 1024 * 1024;

export class ProfileDocument implements vscode.CustomDocument {
  readonly fileName: string;
  private outcome: Promise<LoadOutcome>;
  private worker: ProfileWorker;
  private readonly prefetched = new PrefetchedViews();
  private phase: Phase = { kind: 'loading', cancelled: false };
  /** How the last load that ended ended (what `state` shows while the next one runs). */
  private lastOutcome: LoadOutcome | undefined;
  private loads = 0;
  private loadedFrom: { readonly from: 'memory' | 'disk'; readonly bytes: number } | undefined;
  private onDisk: DocumentState['onDisk'] = 'same';
  private version: FileVersion | undefined;
  private baseUri: vscode.Uri | undefined;
  /** The user said "Load Anyway": no size question any more. */
  private forceLoad = false;
  /** The "changed on disk" notification is showing. */
  private prompting = false;
  private readonly reloading = new vscode.EventEmitter<void>();
  private readonly watch: ProfileFileWatch;
  /** Fires when a new load starts; `loaded` is then its outcome. */
  readonly onDidStartReload = this.reloading.event;

  constructor(
    readonly uri: vscode.Uri,
    private readonly workerScript: string,
    private readonly log: vscode.LogOutputChannel,
    private readonly onDisposed: () => void = () => undefined,
    /** A fresh capture's bytes, for the first load (the file may still be being saved). */
    private handed?: HandedProfile,
    /** A decode thread started ahead of time, for the first load (a reload starts its own). */
    started?: ProfileWorker,
  ) {
    this.fileName = uri.path.slice(uri.path.lastIndexOf('/') + 1) || uri.toString();
    this.worker = started ?? this.startWorker();
    this.watch = new ProfileFileWatch(uri, () => this.version, (e) => this.onFileEvent(e));
    this.outcome = this.load();
  }

  /** The outcome of the latest load. */
  get loaded(): Promise<LoadOutcome> {
    return this.outcome;
  }

  get state(): DocumentState {
    const last = this.lastOutcome;
    return {
      uri: this.uri.toString(),
      phase: this.phase.kind,
      onDisk: this.onDisk,
      loads: this.loads,
      ...(last?.ok ? { sampleCount: last.summary.sampleCount } : {}),
      ...(last && !last.ok ? { message: last.message } : {}),
      ...(this.loadedFrom ? { loadedFrom: this.loadedFrom.from, loadedBytes: this.loadedFrom.bytes } : {}),
    };
  }

  request<K extends MethodName<WorkerMethods>>(method: K, params: ParamsOf<WorkerMethods, K>): Promise<ResultOf<WorkerMethods, K>> {
    return this.prefetched.take(method, params) ?? this.worker.request(method, params);
  }

  /**
   * The default flame graph of `summary` (what load() asked for ahead), if the worker answers
   * within `waitMs`: then taken, to go with the summary to the webview. Undefined otherwise
   * (the webview's own request takes it later).
   */
  async defaultFlame(summary: ProfileSummary, waitMs: number): Promise<AnsweredView | undefined> {
    const params = { sampleIndex: summary.defaultSampleTypeIndex };
    const answer = this.prefetched.peek('flame', params);
    if (!answer) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), waitMs)));
    const result = await Promise.race([answer.catch(() => undefined), late]);
    clearTimeout(timer);
    if (result === undefined || this.prefetched.peek('flame', params) !== answer) return undefined;
    void this.prefetched.take('flame', params);
    return { method: 'flame', params, result };
  }

  /** Decodes `uri` in this document's worker as the base of comparisons; returns its name. */
  async openBase(uri: vscode.Uri): Promise<string> {
    await this.outcome;
    const source = await this.decodeBase(uri);
    this.baseUri = uri;
    return source;
  }

  /** Loads the file again (after it changed, a Cancel, or a "not loaded" answer); `force` skips the size question. */
  reload(force = false): Promise<LoadOutcome> {
    if (this.phase.kind === 'closed') return this.outcome;
    if (force) this.forceLoad = true;
    if (this.phase.kind === 'asking' && force) {
      this.answer(true);
      return this.outcome;
    }
    if (this.worker.stopped) this.worker = this.startWorker();
    this.outcome = this.load();
    this.reloading.fire();
    return this.outcome;
  }

  /** What the Cancel button of the decoding progress does: stops the decode (and its thread); false if none runs. */
  cancelLoad(): boolean {
    if (this.phase.kind !== 'loading') return false;
    this.phase = { kind: 'loading', cancelled: true };
    this.stopWorker();
    return true;
  }

  /** Answers a pending size question as the user would (Load or Cancel); false if none is pending. */
  answer(load: boolean): boolean {
    if (this.phase.kind !== 'asking') return false;
    const { answer } = this.phase;
    if (load) this.phase = { kind: 'loading', cancelled: false }; // from now on Cancel stops the decode
    answer(load);
    return true;
  }

  dispose(): void {
    const before = this.phase;
    this.phase = { kind: 'closed' };
    if (before.kind === 'asking') before.answer(false);
    this.watch.dispose();
    this.reloading.dispose();
    this.prefetched.clear();
    this.stopWorker();
    this.onDisposed();
  }

  private get closed(): boolean {
    return this.phase.kind === 'closed';
  }

  private get cancelled(): boolean {
    return this.phase.kind === 'loading' && this.phase.cancelled;
  }

  /** Moves to `phase`, unless the document is closed (a load that ends late changes nothing then). */
  private enter(phase: Phase): void {
    if (!this.closed) this.phase = phase;
  }

  private startWorker(): ProfileWorker {
    return new ProfileWorker(this.workerScript, (problem) => this.log.warn(`${this.fileName}: ${problem}`));
  }

  /** Stopping the thread is the only way to stop a decode in progress; a reload starts a new one. */
  private stopWorker(): void {
    void this.worker.terminate();
  }

  private async decodeBase(uri: vscode.Uri): Promise<string> {
    const source = uri.path.slice(uri.path.lastIndexOf('/') + 1) || uri.toString();
    await statRegularFile(uri);
    const bytes = ownedBytes(await readBytes(uri, Number.MAX_SAFE_INTEGER));
    const info = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Decoding ${source}` }, () =>
      this.worker.request('openBase', { bytes, source, maxInflatedBytes: DEFAULT_MAX_INFLATED_BYTES }),
    );
    return info.source;
  }

  /** Records the end of load number `load`; an older load that ends late changes nothing. */
  private settle(load: number, kind: 'loaded' | 'failed' | 'declined', outcome: LoadOutcome): LoadOutcome {
    if (load !== this.loads) return outcome;
    this.enter({ kind });
    this.lastOutcome = outcome;
    return outcome;
  }

  private async load(): Promise<LoadOutcome> {
    const load = ++this.loads;
    this.prefetched.clear();
    this.enter({ kind: 'loading', cancelled: false });
    // Only the first load takes a capture's bytes from memory; a reload reads the file.
    const handed = this.handed;
    this.handed = undefined;
    // The saved file's version is looked up beside the decode, not in front of it.
    const handedVersion = handed && fileVersion(this.uri);
    try {
      const stat = handed ? { size: handed.bytes.byteLength, mtime: 0 } : await statRegularFile(this.uri);
      const setting = vscode.workspace.getConfiguration('goProfiler').get<number>(CONFIRM_OPEN_SETTING);
      if (!this.forceLoad && needsConfirmation(stat.size, setting)) {
        if (!(await this.ask(stat.size, setting))) return this.settle(load, 'declined', this.declined(stat.size, setting));
        this.enter({ kind: 'loading', cancelled: false });
      }
      const big = stat.size >= NOTIFY_ABOVE_BYTES;
      const title = `Decoding ${this.fileName}`;
      const options: vscode.ProgressOptions = big
        ? { location: vscode.ProgressLocation.Notification, title, cancellable: true }
        : { location: vscode.ProgressLocation.Window, title };
      const summary = await vscode.window.withProgress(options, async (progress, token) => {
        token.onCancellationRequested(() => this.cancelLoad());
        progress.report({ message: 'reading' });
        // A copy of handed bytes: the worker takes its buffer, and the session may still need them.
        const { bytes, goroutineDump } = handed ? { ...handed, bytes: handed.bytes.slice() } : await this.readFile();
        // Cancelled while reading: the worker is gone, so decoding must not start.
        if (this.cancelled) throw new Error('cancelled');
        progress.report({ message: 'decoding' });
        this.loadedFrom = { from: handed ? 'memory' : 'disk', bytes: bytes.byteLength };
        return this.worker.request('open', { bytes, source: this.fileName, maxInflatedBytes: DEFAULT_MAX_INFLATED_BYTES, ...(goroutineDump !== undefined ? { goroutineDump } : {}) });
      });
      // Cancelled just as the worker answered: it has been stopped, and the profile with it.
      if (this.cancelled) throw new Error('cancelled');
      if (load === this.loads) {
        this.version = handedVersion ? await handedVersion : { size: stat.size, mtime: stat.mtime };
        this.onDisk = 'same';
      }
      // The flame graph is the first tab: build its default view while the webview starts, the
      // coarse part of a big tree first (see prefetched-views.ts).
      const query = { sampleIndex: summary.defaultSampleTypeIndex };
      const worker = this.worker;
      const flame = worker.request('flame', query);
      this.prefetched.prefetch('flame', query, () => flame);
      flame.then(
        (view) => {
          if (view.coarse && load === this.loads) this.prefetched.prefetch('flameWhole', query, () => worker.request('flameWhole', query));
        },
        () => undefined,
      );
      if (this.baseUri) await this.decodeBase(this.baseUri).catch((e: unknown) => this.log.warn(`${this.fileName}: base not reloaded: ${String(e)}`));
      return this.settle(load, 'loaded', { ok: true, summary });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      if (this.closed) return this.settle(load, 'failed', { ok: false, message: `${this.fileName}: the profile was closed` });
      if (this.cancelled) return this.settle(load, 'declined', { ok: false, message: `${this.fileName}: decoding was cancelled. Run "Go Profiler: Reload Profile" to load it.` });
      // Decoder messages already start with the file name; file system errors may not.
      return this.settle(load, 'failed', { ok: false, message: detail.startsWith(this.fileName) ? detail : `${this.fileName}: ${detail}` });
    }
  }

  private async readFile(): Promise<HandedProfile> {
    const [raw, goroutineDump] = await Promise.all([readBytes(this.uri, Number.MAX_SAFE_INTEGER), readGoroutineDump(this.uri)]);
    const bytes = ownedBytes(raw);
    return { bytes, ...(goroutineDump !== undefined ? { goroutineDump } : {}) };
  }

  private ask(size: number, setting: number | undefined): Promise<boolean> {
    const limit = formatValue(confirmThresholdBytes(setting) ?? 0, 'bytes');
    const question = vscode.window
      .showWarningMessage(
        `${this.fileName} is ${formatValue(size, 'bytes')}, above the ${limit} set in goProfiler.confirmOpenAboveMB. Load it?`,
        { modal: true, detail: 'Decoding a profile this large takes a while and several times its size in memory.' },
        'Load',
      )
      // A dialog the workbench closes by itself (it can reject) is a Cancel, not a failure.
      .then((choice) => choice === 'Load', () => false);
    const answered = new Promise<boolean>((resolve) => this.enter({ kind: 'asking', answer: resolve }));
    return Promise.race([question, answered]);
  }

  private declined(size: number, setting: number | undefined): LoadOutcome {
    const limit = formatValue(confirmThresholdBytes(setting) ?? 0, 'bytes');
    if (!this.closed) {
      void vscode.window.showInformationMessage(`Go Profiler: ${this.fileName} was not loaded.`, 'Load Anyway').then((choice) => {
        if (choice) void this.reload(true);
      });
    }
    return {
      ok: false,
      message: `${this.fileName} (${formatValue(size, 'bytes')}) was not loaded: it is above ${limit} (goProfiler.confirmOpenAboveMB). Run "Go Profiler: Load Profile Anyway" to load it.`,
    };
  }

  private onFileEvent(event: FileEvent): void {
    if (this.closed) return;
    if (event.kind === 'deleted') {
      if (this.onDisk === 'deleted') return;
      this.onDisk = 'deleted';
      const shown = this.phase.kind === 'loaded' ? 'the editor keeps showing what was loaded' : 'nothing was loaded from it';
      void vscode.window.showWarningMessage(`Go Profiler: ${this.fileName} was deleted or moved on disk; ${shown}.`);
      return;
    }
    this.onDisk = 'changed';
    if (this.prompting || this.phase.kind === 'loading' || this.phase.kind === 'asking') return;
    this.prompting = true;
    void vscode.window.showInformationMessage(`Go Profiler: ${this.fileName} changed on disk.`, 'Reload').then((choice) => {
      this.prompting = false;
      if (choice === 'Reload') void this.reload();
    });
  }
}
