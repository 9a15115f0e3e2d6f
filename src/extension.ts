/** Activation: wiring only. Decoding happens in a worker thread started per opened profile. */
import * as vscode from 'vscode';
import { IMPORT_PROFILE_COMMAND, importProfiles } from './views/import-profiles';
import { registerProfileEditors } from './views/profile-editor-provider';
import { registerSidebarViews } from './views/sidebar-views';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Go Profiler', { log: true });
  context.subscriptions.push(
    log,
    ...registerProfileEditors(context, log),
    vscode.commands.registerCommand(IMPORT_PROFILE_COMMAND, importProfiles),
    ...registerSidebarViews(),
  );
}

export function deactivate(): void {
  // Documents dispose their workers when VS Code closes their editors.
}
