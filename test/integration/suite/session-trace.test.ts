// Execution traces from a Run with Profiler session in a real VS Code with real Go
// (test/fixtures/go-session/burner, built by the installed Go 1.25+): Start Trace → Stop Trace
// saves a .trace with its sidecar in the profiles folder and opens it in the Go Trace editor;
// Snapshot (the flight recorder, turned on for this suite and on from the session's start) saves a trace go tool trace reads.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { readTrace } from '../../../src/trace/read';
import { traceCounts } from '../../../src/trace/summary';
import { eventually, repoRoot, useTemporaryProfilesFolder } from '../support';

const burnerDir = join(repoRoot, 'test', 'fixtures', 'go-session', 'burner');

interface StartedRun {
  sessionId: string;
  pid: number;
  finished: Promise<string[]>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function sidecarOf(tracePath: string): { program: string; capture: { kind: string; source: string } } {
  return JSON.parse(readFileSync(tracePath.replace(/\.trace$/, '.json'), 'utf8')) as { program: string; capture: { kind: string; source: string } };
}

/**
 * Events in `go tool trace -d=parsed` (one line starting "M=" each, as test/support/go-trace.ts
 * reads them; that module cannot be bundled into the extension host) and in our reader.
 */
async function eventCounts(path: string): Promise<{ goTool: number; ours: number }> {
  const { stdout } = await promisify(execFile)('go', ['tool', 'trace', '-d=parsed', path], { maxBuffer: 1 << 28 });
  const goTool = stdout.split('\n').filter((line) => line.startsWith('M=')).length;
  return { goTool, ours: traceCounts(readTrace(readFileSync(path), path)).events };
}

describe('execution traces from a session (real Go in the extension host)', function () {
  this.timeout(240_000);
  const profiles = useTemporaryProfilesFolder('go-profiler-session-trace-');

  // The flight recorder is off by default (it runs the tracer all the time): turn it on here.
  before(async () => {
    await vscode.workspace.getConfiguration('goProfiler').update('flightRecorderSeconds', 10, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('goProfiler').update('flightRecorderSeconds', undefined, vscode.ConfigurationTarget.Global);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Start Trace → Stop Trace saves a .trace with its sidecar and opens it in the Go Trace editor; Snapshot saves the last seconds', async () => {
    const run = await vscode.commands.executeCommand<StartedRun | undefined>('goProfiler.run', { packageDir: burnerDir, wholeRun: false });
    assert.ok(run, 'goProfiler.run started no session');
    const target = { sessionId: run.sessionId };
    try {
      assert.equal(await vscode.commands.executeCommand('goProfiler.session.startTrace', target), true);
      assert.equal(await vscode.commands.executeCommand('goProfiler.session.startTrace', target), false, 'a second trace must be refused');
      await sleep(1000);
      const traced = await vscode.commands.executeCommand<string | undefined>('goProfiler.session.stopTrace', target);
      assert.ok(traced && traced.startsWith(profiles.path) && traced.endsWith('.trace') && existsSync(traced), String(traced));
      assert.deepEqual({ program: sidecarOf(traced).program, kind: sidecarOf(traced).capture.kind }, { program: 'burner', kind: 'trace' });
      const tab = await eventually('the Go Trace editor tab of the trace', () => {
        const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
        return input instanceof vscode.TabInputCustom && input.uri.fsPath === traced ? input : undefined;
      });
      assert.equal(tab.viewType, 'goProfiler.traceEditor');
      const recorded = await eventCounts(traced);
      assert.ok(recorded.goTool > 0);
      assert.equal(recorded.ours, recorded.goTool);

      const snapshot = await vscode.commands.executeCommand<string | undefined>('goProfiler.session.snapshotTrace', target);
      assert.ok(snapshot && snapshot !== traced && snapshot.startsWith(profiles.path) && existsSync(snapshot), String(snapshot));
      assert.equal(sidecarOf(snapshot).capture.kind, 'trace');
      const snapped = await eventCounts(snapshot);
      assert.ok(snapped.goTool > 0);
      assert.equal(snapped.ours, snapped.goTool);
    } finally {
      await vscode.commands.executeCommand('goProfiler.session.stop', target);
      await run.finished;
    }
  });
});
