// VS Code in a browser (code-server): no OS file manager ("revealFileInOS" is not registered),
// so Reveal in File Manager / Reveal Profiles Folder reveal in the Explorer or copy the path.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { extensionId, repoRoot } from '../support';

const hotspotsCpu = join(repoRoot, 'examples', 'profiles', 'hotspots.cpu.pb.gz');

describe('VS Code in a browser: reveal', function () {
  this.timeout(60_000);
  const cleanup: string[] = [];

  before(async function () {
    // On a local desktop VS Code the OS reveal exists and is used: nothing to test here.
    if (vscode.env.uiKind === vscode.UIKind.Desktop && !vscode.env.remoteName) this.skip();
    await vscode.extensions.getExtension(extensionId)!.activate();
  });

  after(async () => {
    await vscode.workspace.getConfiguration('goProfiler').update('profilesFolder', undefined, vscode.ConfigurationTarget.Global);
    for (const p of cleanup) rmSync(p, { recursive: true, force: true });
  });

  it('Reveal Profiles Folder outside the workspace copies its path instead of failing', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'go-profiler-reveal-'));
    cleanup.push(folder);
    await vscode.workspace.getConfiguration('goProfiler').update('profilesFolder', folder, vscode.ConfigurationTarget.Global);
    assert.equal(await vscode.commands.executeCommand('goProfiler.recent.openFolder'), 'copied');
    // The browser's clipboard may refuse reads in headless Chromium (then it reads as empty).
    const clipboard = await vscode.env.clipboard.readText();
    if (clipboard !== '') assert.equal(clipboard, folder);
  });

  it('Reveal in File Manager of a profile in the workspace reveals it in the Explorer', async () => {
    const workspace = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspace, 'the in-host run opens a workspace folder');
    const dir = join(workspace.uri.fsPath, 'reveal-test');
    mkdirSync(dir, { recursive: true });
    cleanup.push(dir);
    const file = join(dir, 'hotspots.cpu.pb.gz');
    copyFileSync(hotspotsCpu, file);
    assert.equal(await vscode.commands.executeCommand('goProfiler.recent.reveal', vscode.Uri.file(file)), 'explorer');
  });
});
