/** Commands of the profile editor: "Compare with…" (also called by the Recent Profiles view). */
import * as vscode from 'vscode';
import type { ProfileEditors } from './profile-editors';

export const COMPARE_WITH_COMMAND = 'goProfiler.compareWith';

export function registerProfileViewCommands(editors: ProfileEditors): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMPARE_WITH_COMMAND, async (base?: unknown) => {
      const panel = editors.currentPanel();
      if (!panel) {
        void vscode.window.showInformationMessage('Go Profiler: open a profile first, then compare it with another one.');
        return;
      }
      await panel.compareWith(base instanceof vscode.Uri ? base : undefined);
    }),
  ];
}
