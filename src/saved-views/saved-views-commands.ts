/**
 * Save View…, apply, Rename, Delete. Every change reads the views file first and writes the
 * whole file back atomically; a file that cannot be read is reported (naming it) and left as is.
 */
import * as vscode from 'vscode';
import { cleanViewName, renamedView, viewStateToSave, withoutView, withView, type SavedView } from '../shared/saved-views';
import { readSavedViews, savedViewsPath, updateSavedViews } from '../store/saved-views-file';
import type { ProfileEditors } from '../profile-editor/profile-editors';
import { workspaceViewsFiles, type SavedViewNode } from './saved-views-tree';

function fail(action: string, e: unknown): void {
  void vscode.window.showErrorMessage(`Go Profiler: could not ${action}: ${e instanceof Error ? e.message : String(e)}`);
}

/** The views file for a profile: its workspace folder's, else the first folder's. */
function viewsFileFor(uri: vscode.Uri | undefined): string | undefined {
  const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : undefined;
  if (folder && folder.uri.scheme === 'file') return savedViewsPath(folder.uri.fsPath);
  return workspaceViewsFiles()[0]?.file;
}

/** "Save View…": names the state of the active profile editor (the toolbar's button is in it). */
export async function saveView(editors: ProfileEditors, givenName?: string): Promise<SavedView | undefined> {
  const panel = editors.currentPanel();
  const state = await panel?.requestViewState();
  if (!panel || !state) {
    void vscode.window.showInformationMessage('Go Profiler: open a profile first; Save View… saves the state of its editor.');
    return undefined;
  }
  const file = viewsFileFor(panel.documentUri);
  if (file === undefined) {
    void vscode.window.showErrorMessage('Go Profiler: open a folder to save views in (they are kept in its .vscode/go-profiler-views.json).');
    return undefined;
  }
  let existing: SavedView[];
  try {
    existing = await readSavedViews(file);
  } catch (e) {
    fail('save the view', e);
    return undefined;
  }
  const typed =
    givenName ??
    (await vscode.window.showInputBox({
      title: 'Save View',
      prompt: 'A name for the tab, sample type, filters and zoom of this profile editor',
      placeHolder: 'e.g. allocations without runtime',
      validateInput: (v) => (cleanViewName(v) === undefined ? 'Give the view a name' : undefined),
    }));
  const name = typed === undefined ? undefined : cleanViewName(typed);
  if (name === undefined) return undefined;
  if (givenName === undefined && existing.some((v) => v.name === name)) {
    const ok = await vscode.window.showWarningMessage(`A view named "${name}" exists. Replace it?`, { modal: true }, 'Replace');
    if (ok !== 'Replace') return undefined;
  }
  try {
    const views = await updateSavedViews(file, (views) => withView(views, name, viewStateToSave(state)));
    return views.find((v) => v.name === name);
  } catch (e) {
    fail('save the view', e);
    return undefined;
  }
}

/** Clicking a saved view: apply it to the active profile editor. */
export function applyView(editors: ProfileEditors, node: SavedViewNode | undefined): boolean {
  if (!node) return false;
  const panel = editors.currentPanel();
  if (!panel) {
    void vscode.window.showInformationMessage(`Go Profiler: open a profile to apply the view "${node.view.name}" to.`);
    return false;
  }
  panel.applyView(node.view.name, node.view.state);
  return true;
}

export async function renameView(node: SavedViewNode | undefined, newName?: string): Promise<boolean> {
  if (!node) return false;
  const from = node.view.name;
  const typed =
    newName ?? (await vscode.window.showInputBox({ title: `Rename the view "${from}"`, value: from, validateInput: (v) => (cleanViewName(v) === undefined ? 'Give the view a name' : undefined) }));
  const to = typed === undefined ? undefined : cleanViewName(typed);
  if (to === undefined || to === from) return false;
  try {
    await updateSavedViews(node.file, (views) => renamedView(views, from, to));
    return true;
  } catch (e) {
    fail(`rename the view "${from}"`, e);
    return false;
  }
}

export async function deleteView(node: SavedViewNode | undefined, confirmed = false): Promise<boolean> {
  if (!node) return false;
  const { name } = node.view;
  if (!confirmed) {
    const ok = await vscode.window.showWarningMessage(`Delete the saved view "${name}"?`, { modal: true }, 'Delete');
    if (ok !== 'Delete') return false;
  }
  try {
    await updateSavedViews(node.file, (views) => withoutView(views, name));
    return true;
  } catch (e) {
    fail(`delete the view "${name}"`, e);
    return false;
  }
}
