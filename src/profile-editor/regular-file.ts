/** Only regular files are read as profiles: a device never ends and a pipe may never answer. */
import { stat as nodeStat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { readRegularFile } from '../store/regular-file';

/**
 * The stat of `uri`: a file on this machine through `node:fs` (`vscode.workspace.fs` answers
 * through the workbench in code-server, 20–250 ms a call on the way to the first paint).
 */
export async function statFile(uri: vscode.Uri): Promise<vscode.FileStat> {
  if (uri.scheme !== 'file') return vscode.workspace.fs.stat(uri);
  const s = await nodeStat(uri.fsPath);
  const type = s.isFile() ? vscode.FileType.File : s.isDirectory() ? vscode.FileType.Directory : vscode.FileType.Unknown;
  return { type, ctime: s.ctimeMs, mtime: s.mtimeMs, size: s.size };
}

/** The file's stat; throws, naming the file, when it is a device, a named pipe, a socket or a folder. */
export async function statRegularFile(uri: vscode.Uri): Promise<vscode.FileStat> {
  const stat = await statFile(uri);
  // The disk provider reports FileType.Unknown for devices, pipes and sockets.
  if ((stat.type & vscode.FileType.File) === 0) {
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1) || uri.toString();
    throw new Error(`${name}: not a regular file (a device, named pipe, socket or folder); not read`);
  }
  return stat;
}

/**
 * The bytes of `uri`, at most `maxBytes` (more throws). A file on this machine is read
 * directly (and only if regular): through `vscode.workspace.fs`, reading a 20 KB profile and
 * looking for its dump took 80–190 ms in code-server, on the way to the first paint.
 */
export async function readBytes(uri: vscode.Uri, maxBytes: number): Promise<Uint8Array> {
  if (uri.scheme === 'file') return readRegularFile(uri.fsPath, maxBytes);
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > maxBytes) throw new Error(`${uri.toString()}: ${stat.size} bytes, more than the ${maxBytes} allowed; not read`);
  return vscode.workspace.fs.readFile(uri);
}
