/** Profiles one test or benchmark (from its CodeLens): go test with all four profiles and a trace, CPU opened. */
import * as vscode from 'vscode';
import { CaptureError } from '../capture/errors';
import { profileGoTest } from '../capture/go-test';
import type { SavedProfile } from '../store/profile-store';
import type { BuildProblems } from './build-problems';
import { openProfile } from './capture-runner';
import type { ProgramTerminals } from './program-terminal';

export interface TestRunDeps {
  readonly problems: BuildProblems;
  readonly folder: () => string;
  readonly onSaved: (saved: SavedProfile) => void;
  readonly log: vscode.LogOutputChannel;
  readonly terminals: ProgramTerminals;
}

export interface TestSelection {
  readonly pkgDir: string;
  readonly name: string;
  readonly kind: 'test' | 'benchmark';
}

export async function profileTest(deps: TestRunDeps, selection: TestSelection, go: string): Promise<string[]> {
  const pty = deps.terminals.acquire(`Go Profiler: ${selection.name}`, () => undefined);
  pty.terminal.show(true);
  const select = selection.kind === 'test' ? `-run '^${selection.name}$'` : `-bench '^${selection.name}$' -run '^$'`;
  pty.info(`go test ${select} -cpuprofile -memprofile -blockprofile -mutexprofile (in ${selection.pkgDir})…`);
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Go Profiler: profiling ${selection.name}` },
      () =>
        profileGoTest({
          pkgDir: selection.pkgDir,
          ...(selection.kind === 'test' ? { test: selection.name } : { bench: selection.name }),
          outDir: deps.folder(),
          go,
        }),
    );
    pty.write(result.output);
    deps.problems.clear();
    for (const saved of result.saved) {
      pty.info(`saved ${saved.sidecar.capture.kind}: ${saved.profilePath}`);
      deps.onSaved(saved);
    }
    if (!result.passed) {
      void vscode.window.showWarningMessage(`Go Profiler: ${selection.name} failed (go test exit code ${result.exitCode}); its profiles are saved anyway.`);
    }
    const first = result.saved[0];
    if (first) await openProfile(first.profilePath);
    return result.saved.map((s) => s.profilePath);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof CaptureError && e.details) {
      pty.write(`${e.details.trimEnd()}\n`);
      deps.problems.show(e.details, selection.pkgDir);
    }
    pty.error(message);
    void vscode.window.showErrorMessage(`Go Profiler: ${message}`);
    return [];
  } finally {
    pty.release();
  }
}
