import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { eventually, repoRoot } from '../support';

const traceViewType = 'goProfiler.traceEditor';
const traceFile = join(repoRoot, 'test', 'fixtures', 'traces', 'tracer-go1.26.trace');

describe('Go Trace custom editor', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('is the default editor for a .trace file', async () => {
    const uri = vscode.Uri.file(traceFile);
    await vscode.commands.executeCommand('vscode.open', uri);
    const input = await eventually('the Go Trace editor tab', () => {
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return tab instanceof vscode.TabInputCustom && tab.uri.fsPath === uri.fsPath ? tab : undefined;
    });
    assert.equal(input.viewType, traceViewType);
  });
});
