/** The read-only custom editor "Go Profile" (view type PROFILE_VIEW_TYPE). */
import * as vscode from 'vscode';
import { PROFILE_VIEW_TYPE } from '../shared/protocol';
import type { ProfileDocument } from './profile-document';
import { registerProfileDocumentCommands } from './profile-document-commands';
import type { ProfileEditors } from './profile-editors';

/** The same editor for any file name, offered only through "Open With…". */
export const PROFILE_ANY_FILE_VIEW_TYPE = 'goProfiler.profileAnyFile';

export class ProfileEditorProvider implements vscode.CustomReadonlyEditorProvider<ProfileDocument> {
  constructor(private readonly editors: ProfileEditors) {}

  openCustomDocument(uri: vscode.Uri): ProfileDocument {
    return this.editors.openDocument(uri);
  }

  resolveCustomEditor(document: ProfileDocument, panel: vscode.WebviewPanel): void {
    this.editors.showInPanel(panel, document);
  }
}

export function registerProfileEditors(editors: ProfileEditors): vscode.Disposable[] {
  const provider = new ProfileEditorProvider(editors);
  // No retainContextWhenHidden: the webview restores itself from getState/setState.
  const options = { supportsMultipleEditorsPerDocument: true };
  return [
    vscode.window.registerCustomEditorProvider(PROFILE_VIEW_TYPE, provider, options),
    vscode.window.registerCustomEditorProvider(PROFILE_ANY_FILE_VIEW_TYPE, provider, options),
    ...registerProfileDocumentCommands(editors),
  ];
}
