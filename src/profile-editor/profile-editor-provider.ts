/** The read-only custom editor "Go Profile" (viewType goProfiler.profile). */
import * as vscode from 'vscode';
import { ProfileDocument } from './profile-document';
import { openDocuments, registerProfileDocumentCommands } from './profile-document-commands';
import { attachProfilePanel } from './profile-panel';

export const PROFILE_VIEW_TYPE = 'goProfiler.profile';
/** The same editor for any file name, offered only through "Open With…". */
export const PROFILE_ANY_FILE_VIEW_TYPE = 'goProfiler.profileAnyFile';

export class ProfileEditorProvider implements vscode.CustomReadonlyEditorProvider<ProfileDocument> {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  openCustomDocument(uri: vscode.Uri): ProfileDocument {
    const workerScript = vscode.Uri.joinPath(this.extensionUri, 'dist', 'decode-worker.js').fsPath;
    // VS Code disposes the document after its last editor closes; it is forgotten then.
    const document = new ProfileDocument(uri, workerScript, this.log, () => openDocuments.delete(document));
    openDocuments.add(document);
    return document;
  }

  resolveCustomEditor(document: ProfileDocument, panel: vscode.WebviewPanel): void {
    attachProfilePanel(panel, document, this.extensionUri, this.log);
  }
}

export function registerProfileEditors(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const provider = new ProfileEditorProvider(context.extensionUri, log);
  // No retainContextWhenHidden: the webview restores itself from getState/setState.
  const options = { supportsMultipleEditorsPerDocument: true };
  return [
    vscode.window.registerCustomEditorProvider(PROFILE_VIEW_TYPE, provider, options),
    vscode.window.registerCustomEditorProvider(PROFILE_ANY_FILE_VIEW_TYPE, provider, options),
    ...registerProfileDocumentCommands(),
  ];
}
