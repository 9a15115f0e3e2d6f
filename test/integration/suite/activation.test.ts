import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionId, profileViewType } from '../support';

interface ContributedCommand {
  command: string;
}
interface ContributedEditor {
  viewType: string;
  selector?: { filenamePattern?: string }[];
}

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(extensionId);
  assert.ok(ext, `${extensionId} is not installed in this VS Code`);
  return ext;
}

describe('Go Profiler extension', () => {
  it('activates', async () => {
    const ext = extension();
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it('registers every command it contributes, including Import Profile', async () => {
    const contributed = (extension().packageJSON.contributes?.commands ?? []) as ContributedCommand[];
    const ids = contributed.map((c) => c.command);
    assert.ok(ids.includes('goProfiler.importProfile'), `contributed commands: ${ids.join(', ')}`);
    await extension().activate();
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = ids.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('contributes the Go Profile custom editor for .pb.gz, .pprof and .prof', () => {
    const editors = (extension().packageJSON.contributes?.customEditors ?? []) as ContributedEditor[];
    const editor = editors.find((e) => e.viewType === profileViewType);
    assert.ok(editor, `no custom editor ${profileViewType}`);
    const patterns = (editor.selector ?? []).map((s) => s.filenamePattern ?? '');
    for (const ext of ['.pb.gz', '.pprof', '.prof']) {
      assert.ok(
        patterns.some((p) => p.endsWith(ext)),
        `no selector for *${ext} in ${patterns.join(', ')}`,
      );
    }
  });
});
