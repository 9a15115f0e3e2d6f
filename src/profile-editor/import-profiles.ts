/**
 * "Go Profiler: Import Profile…" (and Recent Profiles' Import): copies the picked profiles into
 * the profiles folder through the store (gzipped, with an "import" sidecar), so they are listed
 * in Recent Profiles, and opens them; content already in the folder is opened where it is
 * instead of copied again.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as vscode from 'vscode';
import { statRegularFile } from './regular-file';
import { PROFILE_VIEW_TYPE } from '../shared/protocol';
import { saveProfile } from '../store/profile-store';
import { findSameContent } from '../store/same-content';
import { stemOf } from '../store/naming';

export const IMPORT_PROFILE_COMMAND = 'goProfiler.importProfile';

/** The command's argument: files from a caller (a test, a context menu), else a file dialog opens. */
export function urisArgument(arg: unknown): readonly vscode.Uri[] | undefined {
  if (arg instanceof vscode.Uri) return [arg];
  return Array.isArray(arg) && arg.every((u) => u instanceof vscode.Uri) ? (arg as vscode.Uri[]) : undefined;
}

/** Returns the paths in the profiles folder, in the order picked. */
export async function importIntoFolder(folder: string, uris?: readonly vscode.Uri[]): Promise<string[]> {
  const picked =
    uris ??
    (await vscode.window.showOpenDialog({
      canSelectMany: true,
      openLabel: 'Import',
      title: 'Import Go Profiles into the Profiles Folder',
      filters: { 'Go profiles': ['pb.gz', 'gz', 'pprof', 'prof', 'pb'], 'All files': ['*'] },
    })) ??
    [];
  const saved: string[] = [];
  for (const uri of picked) {
    try {
      await statRegularFile(uri);
      const bytes = await readFile(uri.fsPath);
      const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b ? bytes : gzipSync(bytes);
      // The same content imported before (or the file is already in the folder): open that one.
      const existing = await findSameContent(folder, gzipped);
      if (existing) {
        void vscode.window.showInformationMessage(
          `Go Profiler: ${basename(uri.fsPath)} is already in the profiles folder as ${basename(existing)}; opened that one instead of a copy.`,
        );
        if (!saved.includes(existing)) saved.push(existing);
        continue;
      }
      const info = await stat(uri.fsPath);
      const program = (stemOf(basename(uri.fsPath)) ?? basename(uri.fsPath)).replace(/\.gz$/, '');
      const result = await saveProfile(folder, {
        program,
        type: 'imported',
        profile: gzipped,
        date: new Date(),
        sidecar: {
          version: 1,
          program,
          args: [],
          capture: { kind: 'imported', source: 'import' },
          startedAt: info.mtime.toISOString(),
          endedAt: info.mtime.toISOString(),
        },
      });
      saved.push(result.profilePath);
    } catch (e) {
      void vscode.window.showErrorMessage(`Go Profiler: cannot import ${uri.fsPath}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  for (const path of saved) await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(path), PROFILE_VIEW_TYPE, { preview: false });
  return saved;
}
