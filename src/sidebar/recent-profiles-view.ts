/** Registers the Recent Profiles tree and its commands. */
import * as vscode from 'vscode';
import { registerUnsavedCaptureCommands } from '../session/unsaved-captures';
import type { UnsavedCaptures } from '../store/unsaved';
import { importIntoFolder, urisArgument } from '../profile-editor/import-profiles';
import { compareWith, copyPath, deleteRecent, renameRecent, revealInOs } from './recent-profiles-commands';
import { revealPath } from './reveal-path';
import { RECENT_PROFILES_VIEW, RecentProfilesTree, type RecentProfileNode } from './recent-profiles-tree';

export function registerRecentProfiles(tree: RecentProfilesTree, folder: () => string, unsaved: UnsavedCaptures): vscode.Disposable[] {
  const after =
    <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      const result = await f(...a);
      tree.refresh();
      return result;
    };
  return [
    ...registerUnsavedCaptureCommands(unsaved),
    vscode.window.createTreeView(RECENT_PROFILES_VIEW, { treeDataProvider: tree, showCollapseAll: false }),
    vscode.commands.registerCommand('goProfiler.recent.refresh', () => tree.refresh()),
    vscode.commands.registerCommand('goProfiler.recent.compare', (node?: RecentProfileNode) => compareWith(node, folder())),
    vscode.commands.registerCommand('goProfiler.recent.reveal', revealInOs),
    vscode.commands.registerCommand('goProfiler.recent.copyPath', copyPath),
    vscode.commands.registerCommand('goProfiler.recent.rename', after(renameRecent)),
    vscode.commands.registerCommand('goProfiler.recent.delete', after(deleteRecent)),
    vscode.commands.registerCommand(
      'goProfiler.recent.import',
      after((uris?: unknown) => importIntoFolder(folder(), urisArgument(uris))),
    ),
    vscode.commands.registerCommand('goProfiler.recent.openFolder', () => revealPath(folder(), 'folder')),
  ];
}
