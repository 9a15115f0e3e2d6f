/** Context actions of Recent Profiles: compare, reveal, copy path, rename, delete (to trash). Import is in profile-editor/import-profiles.ts. */
import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { binaryOf, removeBinaryIfUnused } from '../store/kept-binary';
import { PROFILE_VIEW_TYPE } from '../shared/protocol';
import { listProfiles } from '../store/profile-store';
import { SIDECAR_EXTENSION, TEXT_EXTENSION, stemOf } from '../store/naming';
import { invalidStem, renameProfile } from '../store/rename-profile';
import { COMPARE_WITH_COMMAND } from '../profile-editor/profile-commands';
import type { RecentProfileNode } from './recent-profiles-tree';
import { revealPath, type Revealed } from './reveal-path';

function targetPath(node: RecentProfileNode | vscode.Uri | undefined): string | undefined {
  if (!node) return undefined;
  return node instanceof vscode.Uri ? node.fsPath : node.profilePath;
}

function fail(e: unknown): void {
  void vscode.window.showErrorMessage(`Go Profiler: ${e instanceof Error ? e.message : String(e)}`);
}

export async function compareWith(node: RecentProfileNode | undefined, folder: string): Promise<void> {
  const current = targetPath(node);
  if (!current) return;
  const type = node?.listed.sidecar?.capture.kind;
  const others = (await listProfiles(folder)).filter((p) => p.profilePath !== current);
  // Profiles of the same type first: a base is usually an earlier capture of the same kind.
  others.sort((a, b) => Number(b.sidecar?.capture.kind === type) - Number(a.sidecar?.capture.kind === type));
  const pick = await vscode.window.showQuickPick(
    others.map((p) => ({ label: basename(p.profilePath), description: p.sidecar ? `${p.sidecar.capture.kind} · ${p.sidecar.program}` : '', path: p.profilePath })),
    { title: `Compare ${basename(current)} with…`, placeHolder: 'Pick the base profile' },
  );
  if (!pick) return;
  await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(current), PROFILE_VIEW_TYPE, { preview: false });
  try {
    // The profile editor's own Compare with… (diff against the base) acts on the active profile.
    await vscode.commands.executeCommand(COMPARE_WITH_COMMAND, vscode.Uri.file(pick.path));
  } catch (e) {
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(pick.path), PROFILE_VIEW_TYPE, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    void vscode.window.showWarningMessage(
      `Go Profiler: could not compare (${e instanceof Error ? e.message : String(e)}); ${basename(current)} and ${pick.label} are open side by side.`,
    );
  }
}

/** Reveal in File Manager, or where this VS Code can (see reveal-path.ts). */
export async function revealInOs(node: RecentProfileNode | undefined): Promise<Revealed | undefined> {
  const path = targetPath(node);
  return path ? revealPath(path, 'file') : undefined;
}

export async function copyPath(node: RecentProfileNode | undefined): Promise<void> {
  const path = targetPath(node);
  if (path) await vscode.env.clipboard.writeText(path);
}

export async function renameRecent(node: RecentProfileNode | undefined, newStem?: string): Promise<string | undefined> {
  const path = targetPath(node);
  const stem = path ? stemOf(basename(path)) : undefined;
  if (!path || stem === undefined) return undefined;
  const name = newStem ?? (await vscode.window.showInputBox({ title: `Rename ${basename(path)}`, value: stem, validateInput: (v) => invalidStem(v) }));
  if (name === undefined || name === stem) return undefined;
  try {
    return await renameProfile(path, name);
  } catch (e) {
    fail(e);
    return undefined;
  }
}

/** Deletes the profile, its sidecar and its text to the trash (permanently only if the user agrees). */
export async function deleteRecent(node: RecentProfileNode | undefined, confirmed = false): Promise<boolean> {
  const path = targetPath(node);
  const stem = path ? stemOf(basename(path)) : undefined;
  if (!path || stem === undefined) return false;
  if (!confirmed) {
    const ok = await vscode.window.showWarningMessage(`Move ${basename(path)} (and its sidecar) to the trash?`, { modal: true }, 'Move to Trash');
    if (ok !== 'Move to Trash') return false;
  }
  const files = [path, join(dirname(path), stem + SIDECAR_EXTENSION), join(dirname(path), stem + TEXT_EXTENSION)];
  const binary = await binaryOf(files[1]!);
  // The kept program binary goes with the last capture that names it.
  const dropBinary = async (): Promise<void> => {
    if (binary !== undefined) await removeBinaryIfUnused(dirname(path), binary);
  };
  const present: vscode.Uri[] = [];
  for (const f of files) if (await stat(f).then(() => true, () => false)) present.push(vscode.Uri.file(f));
  try {
    for (const uri of present) await vscode.workspace.fs.delete(uri, { useTrash: true });
    await dropBinary();
    return true;
  } catch (e) {
    const permanently = 'Delete Permanently';
    const choice = await vscode.window.showWarningMessage(
      `Go Profiler: the trash is not available here (${e instanceof Error ? e.message : String(e)}). Delete ${basename(path)} permanently?`,
      { modal: true },
      permanently,
    );
    if (choice !== permanently) return false;
    for (const uri of present) await vscode.workspace.fs.delete(uri, { useTrash: false }).then(undefined, () => undefined);
    await dropBinary();
    return true;
  }
}
