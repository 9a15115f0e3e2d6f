/** Activation: wiring only. Decoding happens in a worker thread started per opened profile. */
import * as vscode from 'vscode';
import { registerSessionFeatures } from './session/register-session-features';
import type { SessionRegistry } from './session/session-registry';
import { IMPORT_PROFILE_COMMAND, importIntoFolder, urisArgument } from './profile-editor/import-profiles';
import { registerProfileEditors } from './profile-editor/profile-editor-provider';
import { registerHintFeatures } from './hints/register-hint-features';
import { registerProfileViewCommands } from './profile-editor/profile-commands';
import { registerCspViolationsCommand } from './profile-editor/csp-violations-command';
import { RecentProfilesTree } from './sidebar/recent-profiles-tree';
import { registerSidebar } from './sidebar/register-sidebar';
import { profilesFolder } from './session/profiles-folder';

let sessions: SessionRegistry | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Go Profiler', { log: true });
  const recent = new RecentProfilesTree(() => profilesFolder(context), log);
  const features = registerSessionFeatures(context, log, () => recent.refresh());
  sessions = features.registry;
  context.subscriptions.push(
    log,
    ...registerProfileEditors(context, log),
    // Imported profiles go into the profiles folder, so Recent Profiles lists them.
    vscode.commands.registerCommand(IMPORT_PROFILE_COMMAND, async (arg?: unknown) => {
      const saved = await importIntoFolder(features.folder(), urisArgument(arg));
      recent.refresh();
      return saved;
    }),
    ...features.disposables,
    ...registerSidebar(features.registry, recent, features.folder),
    ...registerHintFeatures(context),
    registerCspViolationsCommand(log),
  );
  registerProfileViewCommands(context);
}

/** Ends every session's whole process tree before VS Code closes (safe to call more than once). */
export async function deactivate(): Promise<void> {
  await sessions?.stopAll();
}
