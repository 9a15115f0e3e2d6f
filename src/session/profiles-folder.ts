/** Where captures are saved: `goProfiler.profilesFolder`, else the extension's workspace storage. */
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import * as vscode from 'vscode';

export const PROFILES_FOLDER_SETTING = 'goProfiler.profilesFolder';

export function profilesFolder(context: vscode.ExtensionContext): string {
  const setting = vscode.workspace.getConfiguration('goProfiler').get<string>('profilesFolder')?.trim();
  if (setting) {
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const expanded = setting.replace(/^~(?=$|[\\/])/, homedir()).replace(/\$\{workspaceFolder\}/g, workspace ?? '');
    return isAbsolute(expanded) ? expanded : resolve(workspace ?? homedir(), expanded);
  }
  return join((context.storageUri ?? context.globalStorageUri).fsPath, 'profiles');
}
