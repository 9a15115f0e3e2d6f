/**
 * Commands on open profile documents: Reload Profile, Load Profile Anyway (past the size
 * question), and two internal ones the in-host tests use to see and answer what the user would.
 */
import * as vscode from 'vscode';
import { LOAD_ANYWAY_COMMAND, RELOAD_COMMAND, type DocumentState, type ProfileDocument } from './profile-document';
import type { ProfileEditors } from './profile-editors';

function asUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string') return arg.includes('://') ? vscode.Uri.parse(arg) : vscode.Uri.file(arg);
  return undefined;
}

/** The document of `arg` (a Uri or path), else of the active profile editor tab. */
function documentFor(editors: ProfileEditors, arg: unknown): ProfileDocument | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  const uri = asUri(arg) ?? (input instanceof vscode.TabInputCustom ? input.uri : undefined);
  return uri && editors.documentOf(uri);
}

async function after(document: ProfileDocument | undefined, run: (d: ProfileDocument) => Promise<unknown>): Promise<DocumentState | undefined> {
  if (!document) {
    void vscode.window.showInformationMessage('Go Profiler: open a profile in the Go Profile editor first.');
    return undefined;
  }
  await run(document);
  return document.state;
}

export function registerProfileDocumentCommands(editors: ProfileEditors): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(RELOAD_COMMAND, (arg?: unknown) => after(documentFor(editors, arg), (d) => d.reload())),
    vscode.commands.registerCommand(LOAD_ANYWAY_COMMAND, (arg?: unknown) => after(documentFor(editors, arg), (d) => d.reload(true))),
    vscode.commands.registerCommand('goProfiler.internal.profileDocuments', (): DocumentState[] => editors.openDocuments().map((d) => d.state)),
    vscode.commands.registerCommand('goProfiler.internal.cancelLoad', (arg: unknown) => documentFor(editors, arg)?.cancelLoad() ?? false),
    vscode.commands.registerCommand('goProfiler.internal.answerLoadQuestion', (arg: unknown, load: unknown) => documentFor(editors, arg)?.answer(load === true) ?? false),
  ];
}
