/** Wires running, capturing and attaching, the build problems and the status bar. */
import * as vscode from 'vscode';
import { registerRunCodeLens } from './run-codelens';
import { RecordingStatus } from './recording-status';
import { BuildProblems } from './build-problems';
import { profilesFolder } from './profiles-folder';
import { ProgramTerminals } from './program-terminal';
import { registerSessionCommands } from './session-commands';
import { SessionRegistry } from './session-registry';
import type { UnsavedCaptures } from '../store/unsaved';
import type { CapturePanel } from '../profile-editor/capture-panel';

export interface SessionFeatures {
  readonly registry: SessionRegistry;
  readonly folder: () => string;
  readonly disposables: vscode.Disposable[];
}

/**
 * `onSaved` runs after each capture is saved into the profiles folder (the sidebar refreshes);
 * `unsaved` keeps the captures the folder could not take; `captures` opens each capture from its
 * bytes in memory (while the save finishes) in the capture panel, which a new session prepares.
 */
export function registerSessionFeatures(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  unsaved: UnsavedCaptures,
  onSaved: () => void,
  captures: CapturePanel,
): SessionFeatures {
  const registry = new SessionRegistry();
  const folder = (): string => profilesFolder(context);
  const problems = new BuildProblems();
  const terminals = new ProgramTerminals();
  const deps = { registry, folder, onSaved, log, problems, unsaved, terminals, captures };
  // The Stop CPU and Stop Trace rows show the elapsed time: refresh those rows alone while they record.
  const ticker = setInterval(() => {
    for (const s of registry.all()) {
      if (s.cpuStartedAt) registry.touch(s.session.id, 'cpu');
      if (s.traceStartedAt) registry.touch(s.session.id, 'trace-recording');
    }
  }, 1000);
  return {
    registry,
    folder,
    disposables: [
      registry,
      problems,
      new RecordingStatus(registry),
      { dispose: () => clearInterval(ticker) },
      ...registerSessionCommands(deps, context.workspaceState),
      registerRunCodeLens(),
      vscode.commands.registerCommand('goProfiler.internal.programTerminals', () => terminals.states()),
    ],
  };
}
