// Opening something that is not a regular file as a profile: a named pipe with no writer
// would block the read for ever (and a device never end); the editor refuses it at once,
// naming the file.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { DocumentState } from '../../../src/profile-editor/profile-document';
import { eventually, profileViewType } from '../support';

describe('Profile files that are not regular files', function () {
  this.timeout(60_000);

  it('a named pipe opened as a profile fails with a message naming it instead of waiting for a writer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'go-profiler-fifo-'));
    const path = join(dir, 'pipe.pb.gz');
    execFileSync('mkfifo', [path]);
    try {
      const uri = vscode.Uri.file(path);
      await vscode.commands.executeCommand('vscode.openWith', uri, profileViewType);
      const state = await eventually('the pipe to be refused', async () => {
        const all = await vscode.commands.executeCommand<DocumentState[]>('goProfiler.internal.profileDocuments');
        const s = all.find((d) => d.uri === uri.toString());
        return s && s.phase === 'failed' ? s : undefined;
      });
      assert.match(state.message ?? '', /pipe\.pb\.gz: not a regular file/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
