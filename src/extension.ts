/** Activation: wiring only. Decoding happens in a worker thread started per opened profile. */
import * as vscode from 'vscode';
import { registerSessionFeatures } from './session/register-session-features';
import type { SessionRegistry } from './session/session-registry';
import { IMPORT_PROFILE_COMMAND, importProfiles } from './views/import-profiles';
import { registerProfileEditors } from './views/profile-editor-provider';
import { registerEditorFeatures } from './editor/register-editor-features';
import { registerProfileViewCommands } from './views/profile-commands';
import { registerCspViolationsCommand } from './views/csp-violations-command';

let sessions: SessionRegistry | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Go Profiler', { log: true });
  const features = registerSessionFeatures(context, log);
  sessions = features.registry;
  context.subscriptions.push(
    log,
    ...registerProfileEditors(context, log),
    vscode.commands.registerCommand(IMPORT_PROFILE_COMMAND, importProfiles),
    ...features.disposables,
    ...registerEditorFeatures(context),
    registerCspViolationsCommand(log),
  );
  registerProfileViewCommands(context);
}

/** Ends every session's whole process tree before VS Code closes (safe to call more than once). */
export async function deactivate(): Promise<void> {
  await sessions?.stopAll();
}
