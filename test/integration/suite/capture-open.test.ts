// A capture opens from the bytes already in memory (no read back from disk) in the capture panel
// the session prepared (one page for every capture) while its files are saved beside it, and
// the saved file holds those same bytes: real Go (test/fixtures/go-session burner) in a real
// VS Code, driven through the commands the Sessions view calls.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import type { CapturePanelState } from '../../../src/profile-editor/capture-panel';
import type { DocumentState } from '../../../src/profile-editor/profile-document';
import { eventually, repoRoot, useTemporaryProfilesFolder } from '../support';

const burnerDir = join(repoRoot, 'test', 'fixtures', 'go-session', 'burner');

interface StartedRun {
  sessionId: string;
  finished: Promise<string[]>;
}

async function loadedState(path: string): Promise<DocumentState> {
  const uri = vscode.Uri.file(path).toString();
  return eventually(`the editor of ${path} to load`, async () => {
    const all = await vscode.commands.executeCommand<DocumentState[]>('goProfiler.internal.profileDocuments');
    const state = all.find((d) => d.uri === uri);
    return state?.phase === 'loaded' ? state : undefined;
  });
}

async function capturePanel(): Promise<CapturePanelState> {
  return (await vscode.commands.executeCommand<CapturePanelState>('goProfiler.internal.capturePanel'))!;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('Capture opens from memory (Run with Profiler, real Go)', function () {
  this.timeout(240_000);
  const profiles = useTemporaryProfilesFolder('go-profiler-capture-open-');

  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('Stop CPU, Heap and Goroutines open from the captured bytes in the capture panel the session prepared; the saved files hold the same bytes and stay "same on disk"', async () => {
    const made = (await capturePanel()).pagesMade;
    const run = await vscode.commands.executeCommand<StartedRun | undefined>('goProfiler.run', { packageDir: burnerDir, wholeRun: false });
    assert.ok(run, 'goProfiler.run started no session');
    const target = { sessionId: run.sessionId };
    try {
      // The session opened the panel and its page loaded before any capture was asked for.
      const prepared = await eventually('the capture panel page to be ready', async () => {
        const state = await capturePanel();
        return state.open && state.pageReady ? state : undefined;
      });
      assert.equal(prepared.shown, undefined);
      assert.equal(prepared.pagesMade, made + 1);
      assert.equal(await vscode.commands.executeCommand('goProfiler.session.startCpu', target), true);
      await sleep(1000);
      const captures: (() => Thenable<string | undefined>)[] = [
        () => vscode.commands.executeCommand<string | undefined>('goProfiler.session.stopCpu', target),
        () => vscode.commands.executeCommand<string | undefined>('goProfiler.session.capture', { ...target, kind: 'heap' }),
        () => vscode.commands.executeCommand<string | undefined>('goProfiler.session.capture', { ...target, kind: 'goroutine' }),
      ];
      let last = '';
      for (const capture of captures) {
        const path = await capture();
        assert.ok(path !== undefined && path.startsWith(profiles.path), `capture saved at ${path}`);
        const state = await loadedState(path);
        const onDisk = readFileSync(path);
        assert.deepEqual(
          { loadedFrom: state.loadedFrom, loadedBytes: state.loadedBytes, sampleCount: state.sampleCount },
          { loadedFrom: 'memory', loadedBytes: onDisk.byteLength, sampleCount: (await readProfileFile(path)).samples.count },
          path,
        );
        // Shown in the same panel (same page), titled with the file's name, in front.
        const panel = await capturePanel();
        assert.deepEqual({ shown: panel.shown, title: panel.title, active: panel.active, pagesMade: panel.pagesMade }, { shown: path, title: basename(path), active: true, pagesMade: made + 1 });
        last = path;
      }
      // The earlier captures' documents were let go when the next one came (their workers stopped).
      const folder = vscode.Uri.file(profiles.path).toString();
      const open = (await vscode.commands.executeCommand<DocumentState[]>('goProfiler.internal.profileDocuments')).map((d) => d.uri).filter((u) => u.startsWith(folder));
      assert.deepEqual(open, [vscode.Uri.file(last).toString()]);
      // The file watch settles after 300 ms: the save beside the open must not read as a change.
      await sleep(1200);
      assert.equal((await loadedState(last)).onDisk, 'same', `${last} seen as changed on disk`);
      // A reload reads the file (the bytes in memory were for the first load only).
      const reloaded = await vscode.commands.executeCommand<DocumentState>('goProfiler.reloadProfile', vscode.Uri.file(last));
      assert.deepEqual({ loadedFrom: reloaded.loadedFrom, phase: reloaded.phase }, { loadedFrom: 'disk', phase: 'loaded' });
      // "Open in Editor" keeps the capture on show in a Go Profile editor of its own.
      await vscode.commands.executeCommand('goProfiler.openCaptureInEditor');
      const tab = await eventually('the capture in its own editor', () => {
        const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
        return input instanceof vscode.TabInputCustom && input.uri.fsPath === last ? input : undefined;
      });
      assert.equal(tab.viewType, 'goProfiler.profile');
    } finally {
      await vscode.commands.executeCommand('goProfiler.session.stop', target);
    }
    await run.finished;
  });

  it('with goProfiler.openCapturesIn "editor", a capture opens from memory in an editor of its own', async () => {
    const config = vscode.workspace.getConfiguration('goProfiler');
    await config.update('openCapturesIn', 'editor', vscode.ConfigurationTarget.Global);
    const made = (await capturePanel()).pagesMade;
    const run = await vscode.commands.executeCommand<StartedRun | undefined>('goProfiler.run', { packageDir: burnerDir, wholeRun: false });
    assert.ok(run, 'goProfiler.run started no session');
    try {
      const path = await vscode.commands.executeCommand<string | undefined>('goProfiler.session.capture', { sessionId: run.sessionId, kind: 'heap' });
      assert.ok(path);
      assert.equal((await loadedState(path)).loadedFrom, 'memory');
      await eventually('the heap capture in its own editor', () => {
        const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
        return input instanceof vscode.TabInputCustom && input.uri.fsPath === path ? input : undefined;
      });
      assert.equal((await capturePanel()).pagesMade, made, 'no capture panel page made');
    } finally {
      await vscode.commands.executeCommand('goProfiler.session.stop', { sessionId: run.sessionId });
      await config.update('openCapturesIn', undefined, vscode.ConfigurationTarget.Global);
    }
    await run.finished;
  });
});
