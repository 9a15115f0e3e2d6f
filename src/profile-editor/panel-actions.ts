/** What the profile editor asks the host to do: save an image, find go.mod. */
import * as vscode from 'vscode';
import { parseModulePath } from '../golang/go-mod';
import { readBytes } from './regular-file';

/** A go.mod bigger than this is not one (it is read whole to find its module line). */
const MAX_GO_MOD_BYTES = 4 * 1024 * 1024;

/** Asks where to save the flame graph image and writes it. */
export async function saveImage(format: 'png' | 'svg', data: string, profileUri: vscode.Uri): Promise<void> {
  const stem = profileUri.path.slice(profileUri.path.lastIndexOf('/') + 1).replace(/\.(pb\.gz|pprof|prof|gz)$/, '');
  const defaultUri = vscode.Uri.joinPath(profileUri, '..', `${stem}.flame.${format}`);
  const target = await vscode.window.showSaveDialog({
    defaultUri,
    filters: format === 'png' ? { 'PNG image': ['png'] } : { 'SVG image': ['svg'] },
    title: 'Save flame graph',
  });
  if (!target) return;
  const bytes = format === 'png' ? Buffer.from(data, 'base64') : Buffer.from(data, 'utf8');
  await vscode.workspace.fs.writeFile(target, bytes);
  void vscode.window.showInformationMessage(`Go Profiler: saved ${target.fsPath}`);
}

/** The module path of the go.mod nearest to `uri` (walking up within its workspace folder). */
export async function nearestModulePath(uri: vscode.Uri): Promise<string | undefined> {
  const folder = vscode.workspace.getWorkspaceFolder(uri) ?? vscode.workspace.workspaceFolders?.[0];
  const stop = folder?.uri.path ?? '/';
  let dir = uri.path.slice(0, uri.path.lastIndexOf('/')) || '/';
  for (;;) {
    const mod = await readModulePath(uri.with({ path: `${dir === '/' ? '' : dir}/go.mod` }));
    if (mod) return mod;
    if (dir === stop || dir === '/' || !dir.startsWith(stop)) break;
    dir = dir.slice(0, dir.lastIndexOf('/')) || '/';
  }
  return folder ? readModulePath(vscode.Uri.joinPath(folder.uri, 'go.mod')) : undefined;
}

async function readModulePath(goMod: vscode.Uri): Promise<string | undefined> {
  try {
    return parseModulePath(Buffer.from(await readBytes(goMod, MAX_GO_MOD_BYTES)).toString('utf8'));
  } catch {
    return undefined;
  }
}
