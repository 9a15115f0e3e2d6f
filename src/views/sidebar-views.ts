/**
 * The "Go Profiler" activity bar views. They are empty for now, so VS Code shows their
 * welcome content (an Import button); later issues give them real items.
 */
import * as vscode from 'vscode';

export const RECENT_PROFILES_VIEW = 'goProfiler.recentProfiles';
export const SESSIONS_VIEW = 'goProfiler.sessions';

class EmptyTree implements vscode.TreeDataProvider<never> {
  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }
  getChildren(): never[] {
    return [];
  }
}

export function registerSidebarViews(): vscode.Disposable[] {
  return [
    vscode.window.registerTreeDataProvider(RECENT_PROFILES_VIEW, new EmptyTree()),
    vscode.window.registerTreeDataProvider(SESSIONS_VIEW, new EmptyTree()),
  ];
}
