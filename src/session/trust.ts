/** Building, running and attaching need a trusted workspace; viewing profiles does not. */
import * as vscode from 'vscode';

export async function requireTrust(action: string): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const manage = 'Manage Workspace Trust';
  const choice = await vscode.window.showErrorMessage(
    `Go Profiler: ${action} needs a trusted workspace (it builds and runs code). Viewing profiles works without trust.`,
    manage,
  );
  if (choice === manage) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}
