/**
 * Reveal a file or folder where this VS Code can: the OS file manager on the desktop; in a
 * browser (code-server, vscode.dev) or a remote window there is none ("revealFileInOS" is not
 * registered, or would reveal on the wrong machine), so the Explorer when the path is in the
 * workspace, else the path is copied with a message saying so (a folder can also be opened
 * in a new window from that message).
 */
import * as vscode from 'vscode';

/** How the path was shown: the commands return it, so callers and tests can tell. */
export type Revealed = 'os' | 'explorer' | 'copied';

const OS_REVEAL = 'revealFileInOS';

async function osRevealAvailable(): Promise<boolean> {
  // A remote window's revealFileInOS would act on the client machine, where the file is not.
  if (vscode.env.uiKind !== vscode.UIKind.Desktop || vscode.env.remoteName) return false;
  return (await vscode.commands.getCommands(true)).includes(OS_REVEAL);
}

export async function revealPath(path: string, kind: 'file' | 'folder'): Promise<Revealed> {
  const uri = vscode.Uri.file(path);
  if (await osRevealAvailable()) {
    await vscode.commands.executeCommand(OS_REVEAL, uri);
    return 'os';
  }
  if (vscode.workspace.getWorkspaceFolder(uri)) {
    await vscode.commands.executeCommand('revealInExplorer', uri);
    return 'explorer';
  }
  await vscode.env.clipboard.writeText(path);
  const where = vscode.env.remoteName ? `a remote window (${vscode.env.remoteName})` : 'a browser';
  const message = `Go Profiler: no file manager is reachable from ${where} and ${path} is outside the workspace; its path is copied to the clipboard.`;
  if (kind === 'folder') {
    const open = 'Open Folder in New Window';
    void vscode.window.showInformationMessage(message, open).then((choice) => {
      if (choice === open) void vscode.commands.executeCommand('vscode.openFolder', uri, { forceNewWindow: true });
    });
  } else {
    void vscode.window.showInformationMessage(message);
  }
  return 'copied';
}
