/** Only regular files are read as profiles: a device never ends and a pipe may never answer. */
import * as vscode from 'vscode';

/** The file's stat; throws, naming the file, when it is a device, a named pipe, a socket or a folder. */
export async function statRegularFile(uri: vscode.Uri): Promise<vscode.FileStat> {
  const stat = await vscode.workspace.fs.stat(uri);
  // The disk provider reports FileType.Unknown for devices, pipes and sockets.
  if ((stat.type & vscode.FileType.File) === 0) {
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1) || uri.toString();
    throw new Error(`${name}: not a regular file (a device, named pipe, socket or folder); not read`);
  }
  return stat;
}
