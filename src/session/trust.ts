/** Building, running and attaching need a trusted workspace; viewing profiles does not. */
import * as vscode from 'vscode';

export function requireTrust(action: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  const manage = 'Manage Workspace Trust';
  void vscode.window
    .showErrorMessage(`Go Profiler: ${action} needs a trusted workspace (it builds and runs code). Viewing profiles works without trust.`, manage)
    .then((choice) => {
      if (choice === manage) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  return false;
}
