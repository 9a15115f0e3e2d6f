// A capture opens from the bytes already in memory (no read back from disk) while its files are
// saved beside it, and the saved file holds those same bytes: real Go (test/fixtures/go-session
// burner) in a real VS Code, driven through the commands the Sessions view calls.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { readProfileFile } from '../../../src/pprof/read-file-node';
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

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('Capture opens from memory (Run with Profiler, real Go)', function () {
  this.timeout(240_000);
  const profiles = useTemporaryProfilesFolder('go-profiler-capture-open-');

  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('Stop CPU, Heap and Goroutines open from the captured bytes; the saved files hold the same bytes and stay "same on disk"', async () => {
    const run = await vscode.commands.executeCommand<StartedRun | undefined>('goProfiler.run', { packageDir: burnerDir, wholeRun: false });
    assert.ok(run, 'goProfiler.run started no session');
    const target = { sessionId: run.sessionId };
    try {
      assert.equal(await vscode.commands.executeCommand('goProfiler.session.startCpu', target), true);
      await sleep(1000);
      const paths = [
        await vscode.commands.executeCommand<string | undefined>('goProfiler.session.stopCpu', target),
        await vscode.commands.executeCommand<string | undefined>('goProfiler.session.capture', { ...target, kind: 'heap' }),
        await vscode.commands.executeCommand<string | undefined>('goProfiler.session.capture', { ...target, kind: 'goroutine' }),
      ];
      for (const path of paths) {
        assert.ok(path !== undefined && path.startsWith(profiles.path), `capture saved at ${path}`);
        const state = await loadedState(path);
        const onDisk = readFileSync(path);
        assert.deepEqual(
          { loadedFrom: state.loadedFrom, loadedBytes: state.loadedBytes, sampleCount: state.sampleCount },
          { loadedFrom: 'memory', loadedBytes: onDisk.byteLength, sampleCount: (await readProfileFile(path)).samples.count },
          path,
        );
      }
      // The file watch settles after 300 ms: the save beside the open must not read as a change.
      await sleep(1200);
      for (const path of paths) assert.equal((await loadedState(path!)).onDisk, 'same', `${path} seen as changed on disk`);
      // A reload reads the file (the bytes in memory were for the first load only).
      const reloaded = await vscode.commands.executeCommand<DocumentState>('goProfiler.reloadProfile', vscode.Uri.file(paths[1]!));
      assert.deepEqual({ loadedFrom: reloaded.loadedFrom, phase: reloaded.phase }, { loadedFrom: 'disk', phase: 'loaded' });
    } finally {
      await vscode.commands.executeCommand('goProfiler.session.stop', target);
    }
    await run.finished;
  });
});
