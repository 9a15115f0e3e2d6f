// Run with Profiler in a real VS Code: a run reuses the terminal of the earlier, finished run
// of the same program instead of leaving one terminal per run, whole-run mode does not tell
// the user to capture from the view (it captures by itself), and a session that starts brings
// the Go Profiler view to the front.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { runTool, startProgram } from '../../../src/capture/process';
import { eventually, repoRoot, useTemporaryProfilesFolder } from '../support';

const burnerDir = join(repoRoot, 'test', 'fixtures', 'go-session', 'burner');

interface TerminalState {
  name: string;
  text: string;
  idle: boolean;
}

const terminalStates = (): Thenable<TerminalState[]> => vscode.commands.executeCommand<TerminalState[]>('goProfiler.internal.programTerminals');

describe('Run with Profiler: terminals and the view (real Go in the extension host)', function () {
  this.timeout(240_000);
  useTemporaryProfilesFolder('go-profiler-terminals-');

  it('two whole runs that ended leave at most one Go Profiler terminal, which does not say to capture from the view', async () => {
    // Earlier suites may have run burner already: its reused terminal then holds their runs too.
    const textBefore = (await terminalStates()).find((t) => t.name.includes('burner'))?.text ?? '';
    for (let i = 0; i < 2; i++) {
      const run = await vscode.commands.executeCommand<{ finished: Promise<string[]> } | undefined>('goProfiler.run', {
        packageDir: burnerDir,
        args: ['-duration', '300ms'],
        wholeRun: true,
      });
      assert.ok(run, `run ${i + 1} did not start`);
      assert.equal((await run.finished).length, 3, `run ${i + 1} saved cpu, heap and allocs`);
      // Released (reusable) once the run's ending is handled.
      await eventually('the run to release its terminal', async () => ((await terminalStates()).some((t) => t.name.includes('burner') && t.idle) ? true : undefined));
    }
    const open = vscode.window.terminals.filter((t) => t.name.startsWith('Go Profiler:') && t.name.includes('burner'));
    assert.ok(open.length <= 1, `Go Profiler terminals open: ${open.map((t) => t.name).join(', ')}`);
    const states = (await terminalStates()).filter((t) => t.name.includes('burner'));
    assert.equal(states.length, 1);
    const whole = states[0]!.text;
    // Only what these two runs wrote (the terminal keeps earlier runs' output above it).
    const text = whole.startsWith(textBefore) ? whole.slice(textBefore.length) : whole;
    assert.match(text, /burner started \(pid \d+\)/);
    assert.equal(text.match(/started \(pid/g)?.length, 2, 'both runs wrote to the one terminal');
    assert.doesNotMatch(text, /capture from the Go Profiler view/);
  });

  it('a session that starts (Run with Profiler, Attach) brings the hidden Go Profiler view to the front', async () => {
    const sessionsViewVisible = (): Thenable<boolean> => vscode.commands.executeCommand<boolean>('goProfiler.internal.sessionsViewVisible');
    const hideView = async (): Promise<void> => {
      await vscode.commands.executeCommand('workbench.view.explorer');
      await eventually('the Sessions view to be hidden', async () => ((await sessionsViewVisible()) ? undefined : true));
    };
    await hideView();
    const run = await vscode.commands.executeCommand<{ sessionId: string; finished: Promise<string[]> } | undefined>('goProfiler.run', {
      packageDir: burnerDir,
      args: ['-duration', '1m'],
      wholeRun: false,
    });
    assert.ok(run);
    try {
      await eventually('the Sessions view to be visible after Run', async () => ((await sessionsViewVisible()) ? true : undefined));
    } finally {
      await vscode.commands.executeCommand('goProfiler.session.stop', { sessionId: run.sessionId });
      await run.finished;
    }

    const build = join(mkdtempSync(join(tmpdir(), 'go-profiler-served-')), 'served');
    const built = await runTool('go', ['build', '-o', build, '.'], { cwd: join(repoRoot, 'test', 'fixtures', 'go-session', 'served') });
    assert.equal(built.code, 0, built.stderr);
    const served = startProgram(build, [], { stdio: 'pipe' });
    try {
      let out = '';
      served.child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
      const url = await eventually('the pprof URL', () => /pprof (\S+)/.exec(out)?.[1]);
      await hideView();
      const sessionId = await vscode.commands.executeCommand<string | undefined>('goProfiler.attach', url);
      assert.ok(sessionId);
      await eventually('the Sessions view to be visible after Attach', async () => ((await sessionsViewVisible()) ? true : undefined));
      await vscode.commands.executeCommand('goProfiler.session.stop', { sessionId });
    } finally {
      await served.stop();
      rmSync(dirname(build), { recursive: true, force: true });
    }
  });
});
