/** Wires running, capturing, attaching, the Sessions and Recent Profiles views and the status bar. */
import * as vscode from 'vscode';
import { registerRunCodeLens } from '../editor/run-codelens';
import { RecentProfilesTree } from '../views/recent-profiles-tree';
import { registerRecentProfiles } from '../views/recent-profiles-view';
import { RecordingStatus } from '../views/recording-status';
import { SESSIONS_VIEW, SessionsTree } from '../views/sessions-tree';
import { BuildProblems } from './build-problems';
import { profilesFolder } from './profiles-folder';
import { registerSessionCommands } from './session-commands';
import { SessionRegistry } from './session-registry';

export function registerSessionFeatures(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): { registry: SessionRegistry; disposables: vscode.Disposable[] } {
  const registry = new SessionRegistry();
  const folder = (): string => profilesFolder(context);
  const recent = new RecentProfilesTree(folder, log);
  const problems = new BuildProblems();
  const deps = { registry, folder, onSaved: () => recent.refresh(), log, problems };
  const sessionsTree = new SessionsTree(registry);
  // The CPU stop item shows elapsed time; refresh it while something records.
  const ticker = setInterval(() => {
    if (registry.all().some((s) => s.cpuStartedAt)) registry.touch();
  }, 1000);
  return {
    registry,
    disposables: [
      registry,
      recent,
      problems,
      sessionsTree,
      new RecordingStatus(registry),
      { dispose: () => clearInterval(ticker) },
      vscode.window.createTreeView(SESSIONS_VIEW, { treeDataProvider: sessionsTree }),
      ...registerRecentProfiles(recent, folder),
      ...registerSessionCommands(deps, context.workspaceState),
      registerRunCodeLens(),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('goProfiler.profilesFolder')) recent.refresh();
      }),
    ],
  };
}
