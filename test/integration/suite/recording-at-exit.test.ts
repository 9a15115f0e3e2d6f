// A CPU recording (Start/Stop) or a whole run when the session ends, in a real VS Code with
// real Go (test/fixtures/go-session/burner): Stop Session saves and opens the recording
// before the program is ended; a program that returns from main while recording has it
// saved and opened too; Stop Session during a whole run still yields its profiles.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { topTable } from '../../../src/analysis/top';
import type { CapturePanelState } from '../../../src/profile-editor/capture-panel';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import { listProfiles } from '../../../src/store/profile-store';
import { eventually, repoRoot, useTemporaryProfilesFolder } from '../support';

const burnerDir = join(repoRoot, 'test', 'fixtures', 'go-session', 'burner');

interface StartedRun {
  sessionId: string;
  pid: number;
  finished: Promise<string[]>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function kindOf(profilePath: string): string {
  return (JSON.parse(readFileSync(profilePath.replace(/\.pb\.gz$/, '.json'), 'utf8')) as { capture: { kind: string } }).capture.kind;
}

/** Waits until the capture panel (where a session's captures open) shows `path`. */
function openedIn(path: string): Promise<CapturePanelState> {
  return eventually(`the capture panel to show ${path}`, async () => {
    const panel = await vscode.commands.executeCommand<CapturePanelState>('goProfiler.internal.capturePanel');
    return panel?.shown === path ? panel : undefined;
  });
}

async function hottest(path: string): Promise<string | undefined> {
  return topTable(await readProfileFile(path), {}).rows.find((r) => !r.name.startsWith('runtime.'))?.name;
}

describe('recordings at the end of a session (real Go in the extension host)', function () {
  this.timeout(240_000);
  const profiles = useTemporaryProfilesFolder('go-profiler-at-exit-');

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Stop Session while CPU records: the recording is saved and opened, then the program ends', async () => {
    const run = await vscode.commands.executeCommand<StartedRun | undefined>('goProfiler.run', { packageDir: burnerDir, wholeRun: false });
    assert.ok(run);
    const target = { sessionId: run.sessionId };
    assert.equal(await vscode.commands.executeCommand('goProfiler.session.startCpu', target), true);
    await sleep(1500);
    assert.equal(await vscode.commands.executeCommand('goProfiler.session.stop', target), true);
    await run.finished;
    const saved = (await listProfiles(profiles.path)).map((p) => p.profilePath);
    assert.equal(saved.length, 1, saved.join(', '));
    assert.equal(kindOf(saved[0]!), 'cpu');
    assert.equal(await hottest(saved[0]!), 'main.spinPrimes');
    await openedIn(saved[0]!);
  });

  it('the program returns from main while CPU records: what was recorded is saved and opened', async () => {
    const run = await vscode.commands.executeCommand<StartedRun | undefined>('goProfiler.run', { packageDir: burnerDir, args: ['-duration', '3s'], wholeRun: false });
    assert.ok(run);
    assert.equal(await vscode.commands.executeCommand('goProfiler.session.startCpu', { sessionId: run.sessionId }), true);
    const paths = await run.finished;
    assert.equal(paths.length, 1, paths.join(', '));
    assert.equal(kindOf(paths[0]!), 'cpu');
    assert.equal(await hottest(paths[0]!), 'main.spinPrimes');
    await openedIn(paths[0]!);
  });

  it('Stop Session during a whole run: CPU, heap and allocs up to the stop are saved', async () => {
    const run = await vscode.commands.executeCommand<StartedRun | undefined>('goProfiler.run', { packageDir: burnerDir, wholeRun: true });
    assert.ok(run);
    await sleep(1500);
    assert.equal(await vscode.commands.executeCommand('goProfiler.session.stop', { sessionId: run.sessionId }), true);
    const paths = await run.finished;
    assert.deepEqual(paths.map(kindOf), ['cpu', 'heap', 'allocs']);
    assert.equal(await hottest(paths[0]!), 'main.spinPrimes');
  });
});
