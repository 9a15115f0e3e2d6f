/** Registers the Saved Views section and its commands (Save View…, apply, Rename, Delete). */
import * as vscode from 'vscode';
import type { ProfileEditors } from '../profile-editor/profile-editors';
import { SAVE_VIEW_COMMAND } from '../profile-editor/profile-panel';
import { applyView, deleteView, renameView, saveView } from './saved-views-commands';
import { APPLY_VIEW_COMMAND, SAVED_VIEWS_VIEW, SavedViewsTree, type SavedViewNode } from './saved-views-tree';

export function registerSavedViews(editors: ProfileEditors): vscode.Disposable[] {
  const tree = new SavedViewsTree();
  const after =
    <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      const result = await f(...a);
      tree.refresh();
      return result;
    };
  return [
    tree,
    vscode.window.createTreeView(SAVED_VIEWS_VIEW, { treeDataProvider: tree }),
    // Arguments: the toolbar passes the profile's URI (unused: its editor is the active one); tests pass a name.
    vscode.commands.registerCommand(
      SAVE_VIEW_COMMAND,
      after((_uri?: unknown, name?: unknown) => saveView(editors, typeof name === 'string' ? name : undefined)),
    ),
    vscode.commands.registerCommand(APPLY_VIEW_COMMAND, (node?: SavedViewNode) => applyView(editors, node)),
    vscode.commands.registerCommand('goProfiler.savedViews.rename', after(renameView)),
    vscode.commands.registerCommand('goProfiler.savedViews.delete', after(deleteView)),
    vscode.commands.registerCommand('goProfiler.savedViews.refresh', () => tree.refresh()),
  ];
}
