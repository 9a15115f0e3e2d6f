/** Wires the Go Profiler view's Sessions and Recent Profiles trees. */
import * as vscode from 'vscode';
import type { SessionRegistry } from '../session/session-registry';
import type { UnsavedCaptures } from '../store/unsaved';
import { RecentProfilesTree } from './recent-profiles-tree';
import { registerRecentProfiles } from './recent-profiles-view';
import { revealViewOnNewSession } from './reveal-on-session';
import { SESSIONS_VIEW, SessionsTree } from './sessions-tree';

export function registerSidebar(registry: SessionRegistry, recent: RecentProfilesTree, folder: () => string, unsaved: UnsavedCaptures): vscode.Disposable[] {
  const sessionsTree = new SessionsTree(registry);
  const sessionsView = vscode.window.createTreeView(SESSIONS_VIEW, { treeDataProvider: sessionsTree });
  return [
    recent,
    sessionsTree,
    sessionsView,
    ...revealViewOnNewSession(registry, sessionsView, SESSIONS_VIEW),
    ...registerRecentProfiles(recent, folder, unsaved),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('goProfiler.profilesFolder')) recent.refresh();
    }),
  ];
}
