/**
 * Activation: wiring only. What the window keeps (the hints' active profile, the open profile
 * editors, the unsaved captures, the sessions) is created here and handed to the features that
 * use it; everything is disposed with the extension's subscriptions. Decoding happens in a
 * worker thread started per opened profile.
 */
import * as vscode from 'vscode';
import { registerSessionFeatures } from './session/register-session-features';
import type { SessionRegistry } from './session/session-registry';
import { IMPORT_PROFILE_COMMAND, importIntoFolder, urisArgument } from './profile-editor/import-profiles';
import { registerProfileEditors } from './profile-editor/profile-editor-provider';
import { ProfileEditors } from './profile-editor/profile-editors';
import { CapturePanel, registerCapturePanelCommands } from './profile-editor/capture-panel';
import { registerHintFeatures } from './hints/register-hint-features';
import { registerProfileViewCommands } from './profile-editor/profile-commands';
import { registerCspViolationsCommand } from './profile-editor/csp-violations-command';
import { RecentProfilesTree } from './sidebar/recent-profiles-tree';
import { registerSidebar } from './sidebar/register-sidebar';
import { registerBenchFeatures } from './bench/register-bench-features';
import { registerServers } from './servers-view/register-servers';
import { registerSavedViews } from './saved-views/register-saved-views';
import { profilesFolder } from './session/profiles-folder';
import { registerTraceEditor } from './trace-editor/trace-editor-provider';
import { UnsavedCaptures } from './store/unsaved';

/** The sessions of the active extension, for `deactivate` (which VS Code calls without arguments). */
let sessions: SessionRegistry | undefined;

/**
 * Set by the bundle's first and last lines (scripts/build.mjs), so activation can say how long
 * loading its code took, apart from VS Code's own time before it calls activate().
 */
const loadMarks = globalThis as { __goProfilerLoadStart?: number; __goProfilerLoadEnd?: number };

export function activate(context: vscode.ExtensionContext): void {
  const activateStart = performance.now();
  const log = vscode.window.createOutputChannel('Go Profiler', { log: true });
  const unsaved = new UnsavedCaptures();
  const hints = registerHintFeatures(context);
  const editors = new ProfileEditors(context.extensionUri, log, hints, context.workspaceState);
  const captures = new CapturePanel(editors);
  const recent = new RecentProfilesTree(() => profilesFolder(context), log, unsaved);
  const features = registerSessionFeatures(context, log, unsaved, () => recent.refresh(), captures);
  sessions = features.registry;
  context.subscriptions.push(
    log,
    ...registerProfileEditors(editors),
    ...registerCapturePanelCommands(captures),
    registerTraceEditor(context.extensionUri, hints, log),
    ...registerProfileViewCommands(editors),
    registerCspViolationsCommand(editors.csp, log),
    // Imported profiles go into the profiles folder, so Recent Profiles lists them.
    vscode.commands.registerCommand(IMPORT_PROFILE_COMMAND, async (arg?: unknown) => {
      const saved = await importIntoFolder(features.folder(), urisArgument(arg));
      recent.refresh();
      return saved;
    }),
    ...features.disposables,
    ...registerSidebar(features.registry, recent, features.folder, unsaved),
    ...registerBenchFeatures({ folder: features.folder, onSaved: () => recent.refresh(), log }),
    ...registerServers({ context, log, folder: features.folder, saved: () => recent.refresh() }),
    ...registerSavedViews(editors),
    ...hints.disposables,
  );
  log.info(activationLine(activateStart));
}

/**
 * "activated in N ms (loading code L ms, VS Code before activate() V ms, activate() A ms)":
 * read by the latency benchmark. L + A is the extension's own time; V is VS Code preparing the
 * extension's context between loading the bundle and calling activate().
 */
function activationLine(activateStart: number): string {
  const now = performance.now();
  const activateMs = now - activateStart;
  const { __goProfilerLoadStart: start, __goProfilerLoadEnd: end } = loadMarks;
  if (start === undefined || end === undefined) return `activated: activate() ${activateMs.toFixed(1)} ms`;
  const ms = (n: number): string => n.toFixed(1);
  return `activated in ${ms(now - start)} ms (loading code ${ms(end - start)} ms, VS Code before activate() ${ms(activateStart - end)} ms, activate() ${ms(activateMs)} ms)`;
}

/** Ends every session's whole process tree before VS Code closes (safe to call more than once). */
export async function deactivate(): Promise<void> {
  await sessions?.stopAll();
}
