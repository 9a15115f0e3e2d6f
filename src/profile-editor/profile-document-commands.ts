/**
 * Commands on open profile documents: Reload Profile, Load Profile Anyway (past the size
 * question), and two internal ones the in-host tests use to see and answer what the user would.
 */
import * as vscode from 'vscode';
import { LOAD_ANYWAY_COMMAND, RELOAD_COMMAND, type DocumentState, type ProfileDocument } from './profile-document';

/** Every open profile document of this window. */
export const openDocuments = new Set<ProfileDocument>();

function asUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string') return arg.includes('://') ? vscode.Uri.parse(arg) : vscode.Uri.file(arg);
  return undefined;
}

/** The document of `arg` (a Uri or path), else of the active profile editor tab. */
function documentFor(arg: unknown): ProfileDocument | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  const uri = asUri(arg) ?? (input instanceof vscode.TabInputCustom ? input.uri : undefined);
  if (!uri) return undefined;
  for (const d of openDocuments) if (d.uri.toString() === uri.toString()) return d;
  return undefined;
}

async function after(document: ProfileDocument | undefined, run: (d: ProfileDocument) => Promise<unknown>): Promise<DocumentState | undefined> {
  if (!document) {
    void vscode.window.showInformationMessage('Go Profiler: open a profile in the Go Profile editor first.');
    return undefined;
  }
  await run(document);
  return document.state;
}

export function registerProfileDocumentCommands(): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(RELOAD_COMMAND, (arg?: unknown) => after(documentFor(arg), (d) => d.reload())),
    vscode.commands.registerCommand(LOAD_ANYWAY_COMMAND, (arg?: unknown) => after(documentFor(arg), (d) => d.reload(true))),
    vscode.commands.registerCommand('goProfiler.internal.profileDocuments', (): DocumentState[] => [...openDocuments].map((d) => d.state)),
    vscode.commands.registerCommand('goProfiler.internal.cancelLoad', (arg: unknown) => documentFor(arg)?.cancelLoad() ?? false),
    vscode.commands.registerCommand('goProfiler.internal.answerLoadQuestion', (arg: unknown, load: unknown) => documentFor(arg)?.answer(load === true) ?? false),
  ];
}
