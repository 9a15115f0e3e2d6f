/** "Go Profiler: Import Profile…": pick one or more files and open each in the Go Profile editor. */
import * as vscode from 'vscode';
import { PROFILE_VIEW_TYPE } from '../shared/protocol';

export const IMPORT_PROFILE_COMMAND = 'goProfiler.importProfile';

export async function importProfiles(): Promise<void> {
  const uris = await vscode.window.showOpenDialog({
    canSelectMany: true,
    canSelectFiles: true,
    canSelectFolders: false,
    openLabel: 'Open Profile',
    title: 'Import Go Profile',
    filters: { 'Go profiles': ['pb.gz', 'gz', 'pprof', 'prof'], 'All files': ['*'] },
  });
  for (const uri of uris ?? []) {
    await vscode.commands.executeCommand('vscode.openWith', uri, PROFILE_VIEW_TYPE, { preview: false });
  }
}
