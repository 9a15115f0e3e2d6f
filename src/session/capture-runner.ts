/**
 * Takes captures from a session the way the UI needs: one recording per kind at a time
 * (a second click waits its turn), timed ones with progress and Cancel, each result saved
 * at once through the store and opened in the profile editor.
 */
import * as vscode from 'vscode';
import { DEFAULT_WINDOW_SECONDS, TIMED_KINDS, type CaptureKind, type CaptureResult } from '../capture/capture-kinds';
import { CaptureError } from '../capture/errors';
import { captureItem } from '../capture/save-capture';
import { decodeProfile } from '../pprof/decode-profile';
import { inflateNode } from '../pprof/inflate-node';
import { PROFILE_VIEW_TYPE } from '../shared/protocol';
import { TRACE_VIEW_TYPE } from '../shared/trace-view';
import { TRACE_EXTENSION } from '../store/naming';
import { saveProfile, type SavedProfile } from '../store/profile-store';
import type { UnsavedCaptures } from '../store/unsaved';
import type { CapturePanel } from '../profile-editor/capture-panel';
import { captureLabel } from './capture-menu';
import { queueCapture } from './capture-queue';
import type { SessionRegistry, SessionState } from './session-registry';
import { KeptCaptureError, keepUnsavedCapture } from './unsaved-captures';

export interface CaptureDeps {
  readonly registry: SessionRegistry;
  readonly folder: () => string;
  /** Called after each save (refreshes Recent Profiles). */
  readonly onSaved: (saved: SavedProfile) => void;
  readonly log: vscode.LogOutputChannel;
  /** Where a capture the folder cannot take is kept (this window's, created by activate). */
  readonly unsaved: UnsavedCaptures;
  /** Opens a capture from its bytes in memory (the capture panel, or an editor per capture). */
  readonly captures: Pick<CapturePanel, 'open' | 'prepare'>;
}

export async function openProfile(path: string): Promise<void> {
  // An execution trace opens in the Go Trace editor.
  const viewType = path.endsWith(TRACE_EXTENSION) ? TRACE_VIEW_TYPE : PROFILE_VIEW_TYPE;
  await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(path), viewType, { preview: false });
}

/**
 * Saves a capture and, with `open`, opens it from the bytes in memory as soon as the profile
 * file has its name: the sidecar and dump are written while the editor decodes.
 */
export async function saveAndOpen(deps: CaptureDeps, state: SessionState, result: CaptureResult, open = true): Promise<SavedProfile> {
  const { session } = state;
  const item = captureItem(result, session.context(), session.sidecarCapture, session.binary);
  let opening: Promise<void> | undefined;
  const openSaved = (path: string): void => {
    // An execution trace opens in the Go Trace editor, which reads the saved file.
    if (path.endsWith(TRACE_EXTENSION)) return void (opening = openProfile(path));
    const profile = { bytes: item.profile, ...(item.text !== undefined ? { goroutineDump: item.text } : {}) };
    opening = deps.captures.open(vscode.Uri.file(path), profile);
  };
  // A capture the folder cannot take stays in memory with a Save As… offer (no lost captures).
  const saved = await saveProfile(deps.folder(), item, open ? openSaved : undefined).catch((e: unknown) => {
    throw keepUnsavedCapture(deps.unsaved, item, session.label, e);
  });
  deps.log.info(`${session.label}: saved ${result.kind} to ${saved.profilePath}`);
  if (result.note) {
    deps.log.info(`${session.label}: ${result.note}`);
    void vscode.window.showInformationMessage(`Go Profiler: ${result.note}.`);
  }
  deps.onSaved(saved);
  await opening;
  return saved;
}

export function report(deps: CaptureDeps, state: SessionState, e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  deps.log.error(`${state.session.label}: ${message}`);
  if (e instanceof KeptCaptureError) return; // its own notification offers Save As…
  if (e instanceof CaptureError && e.failure === 'bad-request' && /cancelled/.test(message)) {
    void vscode.window.showInformationMessage(`Go Profiler: ${state.session.label}: ${message}`);
  } else {
    void vscode.window.showErrorMessage(`Go Profiler: ${state.session.label}: ${message}`);
  }
}

/** A block or mutex profile with no samples usually means the rate is off (attach) or nothing waited. */
function noteEmptyContention(state: SessionState, result: CaptureResult): void {
  if (result.kind !== 'block' && result.kind !== 'mutex') return;
  let count: number;
  try {
    count = decodeProfile(result.profile, { source: result.kind, inflate: inflateNode }).samples.count;
  } catch {
    return;
  }
  if (count > 0) return;
  const rate = result.kind === 'block' ? 'runtime.SetBlockProfileRate' : 'runtime.SetMutexProfileFraction';
  const why =
    state.session.source === 'attach'
      ? `the service probably has ${rate} off (0); it must enable it itself for ${result.kind} profiles`
      : `nothing ${result.kind === 'block' ? 'blocked' : 'contended a mutex'} during the window`;
  void vscode.window.showInformationMessage(`Go Profiler: the ${result.kind} profile of ${state.session.label} has no samples: ${why}.`);
}

/** Only CPU is refused while recording (an agent session records it with start/stop). */
function refuseCpu(state: SessionState, kind: CaptureKind): boolean {
  const busy = kind === 'cpu' && (state.cpuStartedAt !== undefined || (state.session.cpuControl !== undefined && state.busy.has('cpu')));
  if (busy) {
    const why = state.cpuStartedAt ? 'is already recording CPU; stop that recording first' : 'is starting or saving a CPU recording; try again when it is done';
    void vscode.window.showWarningMessage(`Go Profiler: ${state.session.label} ${why}.`);
  }
  return busy;
}

/**
 * One capture (any kind; cpu only for a fixed window); returns the saved profile's path. A click
 * while one of the same kind runs is queued behind it, never dropped; the row shows it at once.
 */
export async function runCapture(deps: CaptureDeps, state: SessionState, kind: CaptureKind, seconds?: number): Promise<string | undefined> {
  if (refuseCpu(state, kind)) return undefined;
  return queueCapture(deps.registry, state, kind, async () => {
    try {
      const timed = TIMED_KINDS.has(kind);
      const window = seconds ?? vscode.workspace.getConfiguration('goProfiler').get<number>('captureSeconds') ?? DEFAULT_WINDOW_SECONDS;
      const result = timed ? await timedCapture(state, kind, window) : await instantCapture(state, kind);
      noteEmptyContention(state, result);
      return (await saveAndOpen(deps, state, result)).profilePath;
    } catch (e) {
      report(deps, state, e);
      return undefined;
    }
  });
}

/** An instant capture says so in the status bar while it is fetched (the row's spinner may be out of sight). */
function instantCapture(state: SessionState, kind: CaptureKind): Promise<CaptureResult> {
  const title = `${state.session.label}: capturing ${captureLabel(kind)}…`;
  return Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, () => state.session.capture({ kind })));
}

function timedCapture(state: SessionState, kind: CaptureKind, seconds: number): Promise<CaptureResult> {
  const title = `${state.session.label}: recording ${captureLabel(kind)} for ${seconds} s`;
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      const step = 100 / Math.max(1, seconds);
      const ticker = setInterval(() => progress.report({ increment: step }), 1000);
      try {
        const result = await state.session.capture({ kind, seconds }, abort.signal);
        if (abort.signal.aborted) throw new CaptureError('bad-request', `${captureLabel(kind)} capture cancelled`);
        return result;
      } finally {
        clearInterval(ticker);
      }
    }),
  );
}

/**
 * Starts an open-ended recording (CPU, or a trace): its row spins meanwhile; `started` runs
 * once the agent has begun (it sets the state's start time, which swaps the Start/Stop row).
 */
export async function startRecording(deps: CaptureDeps, state: SessionState, row: 'cpu' | 'trace-recording', start: () => Promise<void>, started: () => void): Promise<boolean> {
  state.busy.add(row);
  deps.registry.touch(state.session.id, row);
  try {
    await start();
    started();
    return true;
  } catch (e) {
    report(deps, state, e);
    return false;
  } finally {
    state.busy.delete(row);
    deps.registry.touch(state.session.id, 'session');
  }
}

/** Stops an open-ended recording (its start time already cleared), saves and opens it; its row spins meanwhile. */
export async function stopRecording(deps: CaptureDeps, state: SessionState, row: 'cpu' | 'trace-recording', stop: () => Promise<CaptureResult>): Promise<string | undefined> {
  state.busy.add(row);
  deps.registry.touch(state.session.id, 'session');
  try {
    return (await saveAndOpen(deps, state, await stop())).profilePath;
  } catch (e) {
    report(deps, state, e);
    return undefined;
  } finally {
    state.busy.delete(row);
    deps.registry.touch(state.session.id, row);
  }
}

export async function startCpu(deps: CaptureDeps, state: SessionState): Promise<boolean> {
  const control = state.session.cpuControl;
  if (!control) return (await runCapture(deps, state, 'cpu')) !== undefined;
  if (refuseCpu(state, 'cpu')) return false;
  return startRecording(deps, state, 'cpu', () => control.start(), () => (state.cpuStartedAt = new Date()));
}

export async function stopCpu(deps: CaptureDeps, state: SessionState): Promise<string | undefined> {
  const control = state.session.cpuControl;
  const startedAt = state.cpuStartedAt;
  if (!control || !startedAt) {
    void vscode.window.showWarningMessage(`Go Profiler: ${state.session.label} is not recording CPU.`);
    return undefined;
  }
  state.cpuStartedAt = undefined;
  return stopRecording(deps, state, 'cpu', () => control.stop(startedAt));
}
