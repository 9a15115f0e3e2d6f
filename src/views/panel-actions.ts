/** What the profile editor asks the host to do: open a source line, save an image, find go.mod. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseModulePath } from './go-mod';

let highlight: vscode.TextEditorDecorationType | undefined;

/** The brief highlight of an opened line (made on first use, not at activation). */
function lineHighlight(): vscode.TextEditorDecorationType {
  highlight ??= vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
    isWholeLine: true,
  });
  return highlight;
}

/** Candidate files for a profile path: itself when absolute, else under each workspace folder. */
function candidates(file: string): vscode.Uri[] {
  if (path.isAbsolute(file)) return [vscode.Uri.file(file)];
  return (vscode.workspace.workspaceFolders ?? []).map((f) => vscode.Uri.joinPath(f.uri, file));
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    return (stat.type & vscode.FileType.File) !== 0;
  } catch {
    return false;
  }
}

/** Opens `file` beside the profile at `line` (1-based, 0 = top), centred and briefly highlighted. */
export async function openSourceLine(file: string, line: number): Promise<void> {
  let target: vscode.Uri | undefined;
  for (const uri of candidates(file)) {
    if (await exists(uri)) {
      target = uri;
      break;
    }
  }
  if (!target) {
    void vscode.window.showInformationMessage(`Go Profiler: source file not found: ${file || '(no file in the profile)'}`);
    return;
  }
  const editor = await vscode.window.showTextDocument(target, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false });
  const at = Math.max(0, Math.min(line - 1, editor.document.lineCount - 1));
  const range = new vscode.Range(at, 0, at, 0);
  editor.selection = new vscode.Selection(range.start, range.start);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
  if (line > 0) {
    const decoration = lineHighlight();
    editor.setDecorations(decoration, [range]);
    setTimeout(() => editor.setDecorations(decoration, []), 1500);
  }
}

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
    return parseModulePath(Buffer.from(await vscode.workspace.fs.readFile(goMod)).toString('utf8'));
  } catch {
    return undefined;
  }
}
