/** Registers the Saved Views section and its commands (Save View…, apply, Rename, Delete). */
import * as vscode from 'vscode';
import type { ProfileEditors } from '../profile-editor/profile-editors';
import { SAVE_VIEW_COMMAND } from '../profile-editor/profile-panel';
import { applyView, deleteView, renameView, saveView } from './saved-views-commands';
import { APPLY_VIEW_COMMAND, SAVED_VIEWS_VIEW, SavedViewsTree, type SavedViewNode } from './saved-views-tree';

export function registerSavedViews(editors: ProfileEditors): vscode.Disposable[] {
  const tree = new SavedViewsTree();
  // The watcher sees the file change too; refreshing at once shows the change without its delay.
  const refreshing = <R>(change: Promise<R>): Promise<R> => change.finally(() => tree.refresh());
  return [
    tree,
    vscode.window.createTreeView(SAVED_VIEWS_VIEW, { treeDataProvider: tree }),
    // Arguments: the toolbar passes the profile's URI (unused: its editor is the active one); tests pass a name.
    vscode.commands.registerCommand(
      SAVE_VIEW_COMMAND,
      (_uri?: unknown, name?: unknown) => refreshing(saveView(editors, typeof name === 'string' ? name : undefined)),
    ),
    vscode.commands.registerCommand(APPLY_VIEW_COMMAND, (node?: SavedViewNode) => applyView(editors, node)),
    vscode.commands.registerCommand('goProfiler.savedViews.rename', (node?: SavedViewNode) => refreshing(renameView(node))),
    vscode.commands.registerCommand('goProfiler.savedViews.delete', (node?: SavedViewNode) => refreshing(deleteView(node))),
    vscode.commands.registerCommand('goProfiler.savedViews.refresh', () => tree.refresh()),
  ];
}
