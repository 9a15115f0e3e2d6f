/** Finds `go` through the settings (see go-lookup.ts); says so with an Open Settings button if absent. */
import { accessSync, constants, statSync } from 'node:fs';
import * as vscode from 'vscode';
import { lookupGo } from '../golang/go-lookup';

export const GO_PATH_SETTING = 'goProfiler.goPath';

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The go command's path, or undefined after telling the user what is missing. */
export function findGoCommand(forWhat: string): string | undefined {
  const ours = vscode.workspace.getConfiguration('goProfiler');
  const goExt = vscode.workspace.getConfiguration('go');
  const alternateTools = goExt.get<Record<string, unknown>>('alternateTools') ?? {};
  const alternateGo = alternateTools['go'];
  const lookup = lookupGo(
    {
      goPath: ours.get<string>('goPath'),
      alternateGo: typeof alternateGo === 'string' ? alternateGo : undefined,
      goroot: goExt.get<string>('goroot') ?? undefined,
      pathVariable: process.env.PATH ?? '',
      platform: process.platform,
    },
    isExecutableFile,
  );
  if (lookup.found) return lookup.found.path;
  const open = 'Open Settings';
  // Not awaited: the command ends now; the button works for as long as the message shows.
  void vscode.window.showErrorMessage(`Go Profiler: cannot ${forWhat}: ${lookup.problem}. Install Go or set ${GO_PATH_SETTING}.`, open).then((choice) => {
    if (choice === open) void vscode.commands.executeCommand('workbench.action.openSettings', GO_PATH_SETTING);
  });
  return undefined;
}
