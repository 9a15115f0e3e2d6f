/**
 * The commands of running and capturing. Each accepts what the UI passes (a tree node, a
 * CodeLens argument, an editor URI) and returns a result, so tests can drive them too.
 */
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { isCaptureKind } from '../capture/capture-kinds';
import { PROFILE_TEST_COMMAND, RUN_COMMAND, RUN_WHOLE_COMMAND } from './run-codelens';
import type { SessionsNode } from './session-node';
import { attachToEndpoint } from './attach-command';
import { runCapture, startCpu, stopCpu } from './capture-runner';
import { findGoCommand } from './go-command';
import { profileTest, type TestSelection } from './profile-test';
import { runWithProfiler, type RunDeps, type StartedRun } from './run-program';
import { chooseRunTarget, packageTarget } from './run-targets';
import type { SessionState } from './session-registry';
import { snapshotTrace, startTrace, stopTrace } from './trace-recording';
import { requireTrust } from './trust';

/** Argument of goProfiler.run: a package folder (CodeLens, tests) or an editor URI (menus). */
export interface RunArgument {
  readonly packageDir?: string;
  readonly args?: readonly string[];
  readonly wholeRun?: boolean;
}

/** What capture commands accept: a Sessions view node or { sessionId, kind?, seconds? }. */
export interface CaptureArgument {
  readonly sessionId: string;
  readonly kind?: string;
  readonly seconds?: number;
}

function isRunArgument(value: unknown): value is RunArgument {
  return typeof value === 'object' && value !== null && !(value instanceof vscode.Uri) && typeof (value as RunArgument).packageDir === 'string';
}

function wholeRunDefault(): boolean {
  return vscode.workspace.getConfiguration('goProfiler').get<boolean>('wholeRun') ?? false;
}

export function registerSessionCommands(deps: RunDeps, memento: vscode.Memento): vscode.Disposable[] {
  const stateOf = (arg: SessionsNode | CaptureArgument | undefined): SessionState | undefined => {
    const state = arg ? deps.registry.get(arg.sessionId) : deps.registry.all()[0];
    if (!state) void vscode.window.showWarningMessage('Go Profiler: that session has ended.');
    return state;
  };

  const run = async (given: unknown, forceWholeRun: boolean): Promise<StartedRun | undefined> => {
    // The line-number context menu passes { lineNumber, uri }.
    const arg = typeof given === 'object' && given !== null && (given as { uri?: unknown }).uri instanceof vscode.Uri ? (given as { uri: vscode.Uri }).uri : given;
    if (!requireTrust('Run with Profiler')) return undefined;
    const go = findGoCommand('run with the profiler');
    if (!go) return undefined;
    let target;
    if (isRunArgument(arg)) {
      target = { ...packageTarget(arg.packageDir!, arg.packageDir!.split(/[\\/]/).pop() ?? 'program'), args: arg.args ?? [] };
    } else if (arg instanceof vscode.Uri && arg.fsPath.endsWith('.go') && !arg.fsPath.endsWith('_test.go')) {
      target = packageTarget(dirname(arg.fsPath), dirname(arg.fsPath).split(/[\\/]/).pop() ?? 'program');
    } else {
      target = await chooseRunTarget(go);
    }
    if (!target) return undefined;
    const wholeRun = forceWholeRun || (isRunArgument(arg) && arg.wholeRun !== undefined ? arg.wholeRun : wholeRunDefault());
    return runWithProfiler(deps, target, go, wholeRun);
  };

  return [
    vscode.commands.registerCommand(RUN_COMMAND, (arg: unknown) => run(arg, false)),
    vscode.commands.registerCommand(RUN_WHOLE_COMMAND, (arg: unknown) => run(arg, true)),
    vscode.commands.registerCommand(PROFILE_TEST_COMMAND, async (selection: TestSelection | undefined) => {
      if (!selection) {
        void vscode.window.showInformationMessage('Go Profiler: use the "Profile" CodeLens above a TestX or BenchmarkX function.');
        return [];
      }
      if (!requireTrust(`Profiling ${selection.name}`)) return [];
      const go = findGoCommand(`profile ${selection.name}`);
      return go ? profileTest(deps, selection, go) : [];
    }),
    vscode.commands.registerCommand('goProfiler.attach', async (url?: string) => {
      if (!requireTrust('Attaching to a pprof endpoint')) return undefined;
      const id = await attachToEndpoint(deps.registry, memento, typeof url === 'string' ? url : undefined);
      const attached = id === undefined ? undefined : deps.registry.get(id);
      if (attached) deps.captures.prepare(attached.session.label);
      return id;
    }),
    vscode.commands.registerCommand('goProfiler.session.startCpu', async (arg?: SessionsNode | CaptureArgument) => {
      const state = stateOf(arg);
      return state ? startCpu(deps, state) : false;
    }),
    vscode.commands.registerCommand('goProfiler.session.stopCpu', async (arg?: SessionsNode | CaptureArgument) => {
      const state = stateOf(arg);
      return state ? stopCpu(deps, state) : undefined;
    }),
    vscode.commands.registerCommand('goProfiler.session.startTrace', async (arg?: SessionsNode | CaptureArgument) => {
      const state = stateOf(arg);
      return state ? startTrace(deps, state) : false;
    }),
    vscode.commands.registerCommand('goProfiler.session.stopTrace', async (arg?: SessionsNode | CaptureArgument) => {
      const state = stateOf(arg);
      return state ? stopTrace(deps, state) : undefined;
    }),
    vscode.commands.registerCommand('goProfiler.session.snapshotTrace', async (arg?: SessionsNode | CaptureArgument) => {
      const state = stateOf(arg);
      return state ? snapshotTrace(deps, state) : undefined;
    }),
    vscode.commands.registerCommand('goProfiler.session.capture', async (arg?: SessionsNode | CaptureArgument) => {
      const state = stateOf(arg);
      const kind = arg && 'kind' in arg ? arg.kind : undefined;
      if (!state || kind === undefined || !isCaptureKind(kind)) return undefined;
      return runCapture(deps, state, kind, arg && 'seconds' in arg ? arg.seconds : undefined);
    }),
    ...(['heap', 'heap-nogc', 'allocs', 'goroutine', 'block', 'mutex', 'threadcreate'] as const).map((kind) =>
      vscode.commands.registerCommand(`goProfiler.session.capture.${kind}`, async (arg?: SessionsNode | CaptureArgument) => {
        const state = stateOf(arg);
        return state ? runCapture(deps, state, kind) : undefined;
      }),
    ),
    vscode.commands.registerCommand('goProfiler.session.stop', async (arg?: SessionsNode | CaptureArgument) => {
      const state = stateOf(arg);
      if (!state) return false;
      // A CPU recording (or a trace) is saved and opened before the program is ended (the agent writes
      // whatever else it records, e.g. a whole run, as part of stop()).
      if (state.cpuStartedAt) await stopCpu(deps, state);
      if (state.traceStartedAt) await stopTrace(deps, state);
      await state.session.stop();
      deps.registry.remove(state.session.id);
      return true;
    }),
  ];
}
