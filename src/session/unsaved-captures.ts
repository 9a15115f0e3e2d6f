/**
 * No lost captures: a capture the profiles folder could not take stays in memory, with an
 * error notification offering "Save As…"; it stays reachable from Recent Profiles and the
 * command "Go Profiler: Save Unsaved Capture As…" until saved or discarded (or the window closes).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { PROFILE_VIEW_TYPE } from '../shared/protocol';
import { formatValue } from '../shared/units';
import { PROFILE_EXTENSION, profileStem } from '../store/naming';
import type { NewProfile } from '../store/profile-store';
import { saveProfileAs } from '../store/save-as';
import type { UnsavedCapture, UnsavedCaptures } from '../store/unsaved';

export const SAVE_UNSAVED_COMMAND = 'goProfiler.saveUnsavedCapture';
export const DISCARD_UNSAVED_COMMAND = 'goProfiler.discardUnsavedCapture';

/** Thrown in place of the store's error once the capture is kept; its notification is already shown. */
export class KeptCaptureError extends Error {
  constructor(
    readonly kept: UnsavedCapture,
    message: string,
  ) {
    super(message);
    this.name = 'KeptCaptureError';
  }
}

function describe(c: UnsavedCapture): string {
  return `${c.item.type} of ${c.item.program}`;
}

/** Keeps `item` in `captures`, shows the failure with Save As… and Discard, and returns the error to throw. */
export function keepUnsavedCapture(captures: UnsavedCaptures, item: NewProfile, origin: string, error: unknown): KeptCaptureError {
  const reason = error instanceof Error ? error.message : String(error);
  const kept = captures.keep(item, origin, reason);
  const message = `${origin}: ${reason}. The ${describe(kept)} is kept in memory until you save it elsewhere.`;
  void vscode.window.showErrorMessage(`Go Profiler: ${message}`, 'Save As…', 'Discard').then((choice) => {
    if (choice === 'Save As…') void saveUnsavedCaptureAs(captures, kept.id);
    else if (choice === 'Discard') void discardUnsavedCapture(captures, kept.id);
  });
  return new KeptCaptureError(kept, message);
}

async function pickCapture(captures: UnsavedCaptures, verb: string): Promise<UnsavedCapture | undefined> {
  const all = captures.list();
  if (all.length === 0) {
    void vscode.window.showInformationMessage('Go Profiler: there is no unsaved capture.');
    return undefined;
  }
  if (all.length === 1) return all[0];
  const pick = await vscode.window.showQuickPick(
    all.map((c) => ({ label: describe(c), description: `${c.origin} · ${c.keptAt.toLocaleTimeString()} · ${formatValue(c.item.profile.byteLength, 'bytes')}`, detail: c.reason, id: c.id })),
    { title: `${verb} Unsaved Capture`, placeHolder: 'Captures the profiles folder could not take' },
  );
  return pick ? captures.get(pick.id) : undefined;
}

function unsavedId(arg: unknown): number | undefined {
  if (typeof arg === 'number') return arg;
  if (typeof arg === 'object' && arg !== null && 'unsavedId' in arg && typeof arg.unsavedId === 'number') return arg.unsavedId;
  return undefined;
}

/**
 * Asks where to save an unsaved capture (`id`, or picks one), writes the bytes and sidecar
 * there, lets it go and opens it. Returns the saved path; a failure keeps it and says why.
 * `target` skips the dialog (used by tests and scripts).
 */
export async function saveUnsavedCaptureAs(captures: UnsavedCaptures, arg?: unknown, target?: vscode.Uri): Promise<string | undefined> {
  const id = unsavedId(arg);
  const capture = id === undefined ? await pickCapture(captures, 'Save') : captures.get(id);
  if (!capture) return undefined;
  const name = profileStem(capture.item.program, capture.item.type, capture.item.date ?? capture.keptAt) + PROFILE_EXTENSION;
  const base = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? homedir();
  const uri =
    target ??
    (await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.file(join(base, name)),
      title: `Save the ${describe(capture)} As…`,
      saveLabel: 'Save Profile',
      filters: { 'Go profiles': ['pb.gz'] },
    }));
  if (!uri) return undefined;
  try {
    const saved = await saveProfileAs(uri.fsPath, capture.item);
    captures.drop(capture.id);
    void vscode.window.showInformationMessage(`Go Profiler: saved the ${describe(capture)} to ${saved.profilePath} (with its sidecar).`);
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(saved.profilePath), PROFILE_VIEW_TYPE, { preview: false });
    return saved.profilePath;
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    void vscode.window.showErrorMessage(`Go Profiler: ${reason}. The ${describe(capture)} is still kept in memory.`, 'Save As…').then((choice) => {
      if (choice) void saveUnsavedCaptureAs(captures, capture.id);
    });
    return undefined;
  }
}

/** Lets an unsaved capture go after the user confirms (or at once with `confirmed`). */
export async function discardUnsavedCapture(captures: UnsavedCaptures, arg?: unknown, confirmed = false): Promise<boolean> {
  const id = unsavedId(arg);
  const capture = id === undefined ? await pickCapture(captures, 'Discard') : captures.get(id);
  if (!capture) return false;
  if (!confirmed) {
    const ok = await vscode.window.showWarningMessage(`Discard the unsaved ${describe(capture)}? Its data will be lost.`, { modal: true }, 'Discard');
    if (ok !== 'Discard') return false;
  }
  return captures.drop(capture.id);
}

export function registerUnsavedCaptureCommands(captures: UnsavedCaptures): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(SAVE_UNSAVED_COMMAND, (arg?: unknown, target?: unknown) =>
      saveUnsavedCaptureAs(captures, arg, target instanceof vscode.Uri ? target : typeof target === 'string' ? vscode.Uri.file(target) : undefined),
    ),
    vscode.commands.registerCommand(DISCARD_UNSAVED_COMMAND, (arg?: unknown, confirmed?: unknown) => discardUnsavedCapture(captures, arg, confirmed === true)),
    // A hidden query for tests: what is kept, without the bytes.
    vscode.commands.registerCommand('goProfiler.internal.unsavedCaptures', () =>
      captures.list().map((c) => ({ id: c.id, program: c.item.program, type: c.item.type, bytes: c.item.profile.byteLength, reason: c.reason })),
    ),
  ];
}
