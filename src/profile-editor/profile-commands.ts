/** Commands of the profile editor: "Compare with…" (also called by the Recent Profiles view). */
import * as vscode from 'vscode';
import { currentProfilePanel } from './profile-panel';

export const COMPARE_WITH_COMMAND = 'goProfiler.compareWith';

export function registerProfileViewCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMPARE_WITH_COMMAND, async (base?: unknown) => {
      const panel = currentProfilePanel();
      if (!panel) {
        void vscode.window.showInformationMessage('Go Profiler: open a profile first, then compare it with another one.');
        return;
      }
      await panel.compareWith(base instanceof vscode.Uri ? base : undefined);
    }),
  );
}
