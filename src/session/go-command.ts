/** Finds `go` through the settings (see go-lookup.ts); says so with an Open Settings button if absent. */
import * as vscode from 'vscode';
import { goLookupSettings, lookupGo } from '../golang/go-lookup';

export const GO_PATH_SETTING = 'goProfiler.goPath';

/** The go command's path, or undefined after telling the user what is missing. */
export function findGoCommand(forWhat: string): string | undefined {
  const lookup = lookupGo(goLookupSettings((section, key) => vscode.workspace.getConfiguration(section).get(key)));
  if (lookup.found) return lookup.found.path;
  const open = 'Open Settings';
  // Not awaited: the command ends now; the button works for as long as the message shows.
  void vscode.window.showErrorMessage(`Go Profiler: cannot ${forWhat}: ${lookup.problem}. Install Go or set ${GO_PATH_SETTING}.`, open).then((choice) => {
    if (choice === open) void vscode.commands.executeCommand('workbench.action.openSettings', GO_PATH_SETTING);
  });
  return undefined;
}
