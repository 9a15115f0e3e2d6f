import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually, largeCpuProfile, profileViewType } from '../support';

/** The active tab's custom editor input, once VS Code shows one for `uri`. */
function activeCustomEditorFor(uri: vscode.Uri): vscode.TabInputCustom | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputCustom && input.uri.fsPath === uri.fsPath) return input;
  return undefined;
}

describe('Go Profile custom editor', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens a profile with vscode.openWith', async () => {
    const uri = vscode.Uri.file(largeCpuProfile);
    await vscode.commands.executeCommand('vscode.openWith', uri, profileViewType);
    const input = await eventually('the custom editor tab', () => activeCustomEditorFor(uri));
    assert.equal(input.viewType, profileViewType);
  });

  it('is the default editor for a .pb.gz file', async () => {
    const uri = vscode.Uri.file(largeCpuProfile);
    await vscode.commands.executeCommand('vscode.open', uri);
    const input = await eventually('the default editor tab', () => activeCustomEditorFor(uri));
    assert.equal(input.viewType, profileViewType);
  });
});
