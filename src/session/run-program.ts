/**
 * Run with Profiler: build the target with the agent, run it in its own terminal, add a
 * session to the Sessions view; in whole-run mode, save and open the profiles at exit.
 */
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { DEFAULT_SAMPLING, type SamplingRates } from '../capture/capture-kinds';
import { CaptureError } from '../capture/errors';
import { launchWithAgent, type ProfilerSession } from '../capture/launcher';
import { whyLost } from '../capture/recording-at-exit';
import { agentSession } from './agent-session';
import { withBuildProgress } from './build-progress-notification';
import type { BuildProblems } from './build-problems';
import { openProfile, saveAndOpen, stopCpu, type CaptureDeps } from './capture-runner';
import { stopTrace } from './trace-recording';
import { KeptCaptureError } from './unsaved-captures';
import { parseEnvFile } from './env-file';
import type { RunTarget } from './launch-config';
import type { ProgramTerminals } from './program-terminal';

export interface RunDeps extends CaptureDeps {
  readonly problems: BuildProblems;
  readonly terminals: ProgramTerminals;
}

export interface StartedRun {
  readonly sessionId: string;
  readonly pid: number;
  /**
   * Resolves after the program ended and what it recorded then was saved: the paths of a CPU
   * recording running at its end and of whole-run profiles (if any).
   */
  readonly finished: Promise<string[]>;
}

async function targetEnv(target: RunTarget): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  for (const file of target.envFiles) Object.assign(env, parseEnvFile(await readFile(file, 'utf8'), file));
  return { ...env, ...target.env };
}

/** goProfiler.mutexProfileFraction / blockProfileRate: contention sampling from program start. */
function samplingSettings(): SamplingRates {
  const config = vscode.workspace.getConfiguration('goProfiler');
  return {
    mutexProfileFraction: config.get<number>('mutexProfileFraction') ?? DEFAULT_SAMPLING.mutexProfileFraction,
    blockProfileRate: config.get<number>('blockProfileRate') ?? DEFAULT_SAMPLING.blockProfileRate,
  };
}

/** goProfiler.flightRecorderSeconds: how much execution trace the flight recorder keeps (0: off); the agent takes (0, 3600]. */
function flightRecorderSeconds(): number {
  const seconds = vscode.workspace.getConfiguration('goProfiler').get<number>('flightRecorderSeconds') ?? 0;
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 3600) : 0;
}

export async function runWithProfiler(deps: RunDeps, target: RunTarget, go: string, wholeRun: boolean): Promise<StartedRun | undefined> {
  let launched: ProfilerSession | undefined;
  // Cancel in the build's notification, or closing its terminal, stops the build.
  const abort = new AbortController();
  const pty = deps.terminals.acquire(`Go Profiler: ${target.label}`, () => {
    abort.abort();
    void launched?.dispose();
  });
  pty.terminal.show(true);
  pty.info(`Building ${target.packageDir} with the Go Profiler agent${wholeRun ? ' (whole run: CPU from start to exit, heap and allocs at exit)' : ''}…`);
  try {
    const env = await targetEnv(target);
    launched = await withBuildProgress(target.label, abort, (onBuildProgress) => launchWithAgent({
      pattern: target.packageDir,
      cwd: target.cwd,
      args: target.args,
      env,
      buildFlags: target.buildFlags,
      go,
      wholeRun,
      stdio: 'pipe',
      ownGroup: true,
      sampling: samplingSettings(),
      signal: abort.signal,
      onBuildProgress,
    }));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof CaptureError && e.failure === 'cancelled') {
      pty.info(message);
      void vscode.window.showInformationMessage(`Go Profiler: ${target.label}: ${message}.`);
      pty.release();
      return undefined;
    }
    if (e instanceof CaptureError && e.details) pty.write(`${e.details.trimEnd()}\n`);
    pty.error(message);
    const found = e instanceof CaptureError && e.failure === 'build-failed' ? deps.problems.show(e.details, target.cwd) : 0;
    const where = found > 0 ? ` (${found} problem${found === 1 ? '' : 's'} in the Problems panel)` : '';
    void vscode.window.showErrorMessage(`Go Profiler: ${target.label}: ${message}${where}`);
    pty.release();
    return undefined;
  }
  deps.problems.clear();
  const session = launched;
  if (pty.isClosed) {
    await session.dispose();
    return undefined;
  }
  pty.attach(session.program);
  // Whole-run mode captures by itself: pointing at the view's capture buttons would mislead.
  const next = wholeRun ? 'its profiles are saved and opened when it exits' : 'capture from the Go Profiler view';
  pty.info(`${session.build.program} started (pid ${session.program.pid}); ${next}.`);
  const profiling = agentSession(session, flightRecorderSeconds());
  const state = deps.registry.add(profiling);
  // Its captures will show in the capture panel: load its page now, while the program starts.
  if (!wholeRun) deps.captures.prepare(profiling.label);
  session.ready.catch((e: unknown) => {
    if (!session.program.hasExited()) void vscode.window.showErrorMessage(`Go Profiler: ${e instanceof Error ? e.message : String(e)}`);
  });

  const finished = (async (): Promise<string[]> => {
    await session.program.exited;
    const end = await session.endReason();
    pty.info(`\n${session.build.program} ${end}.`);
    const paths: string[] = [];
    // A CPU recording or a trace (Start/Stop) running when the program ended: save and open
    // what the agent wrote then, or say what was lost.
    if (state.cpuStartedAt) {
      const saved = await stopCpu(deps, state);
      if (saved) paths.push(saved);
    }
    if (state.traceStartedAt) {
      const saved = await stopTrace(deps, state);
      if (saved) paths.push(saved);
    }
    if (wholeRun) {
      const results = await session.wholeRunResults();
      if (results.length === 0) {
        void vscode.window.showWarningMessage(
          `Go Profiler: whole-run profiles of ${session.build.program} lost: it ${end}; ${whyLost(end, session.build)}.`,
        );
      }
      for (const result of results) {
        const wholeState = { ...state, session: { ...profiling, sidecarCapture: { source: 'whole-run' as const } } };
        // A result the folder cannot take is kept in memory (Save As…); the others still save.
        const saved = await saveAndOpen(deps, wholeState, result, false).catch((e: unknown) => {
          if (e instanceof KeptCaptureError) return undefined;
          throw e;
        });
        if (!saved) continue;
        paths.push(saved.profilePath);
        pty.info(`saved ${result.kind}: ${saved.profilePath}`);
      }
      if (paths[0]) await openProfile(paths[0]);
    }
    await session.dispose();
    return paths;
  })();
  finished.catch((e: unknown) => deps.log.error(`${session.build.program}: ${e instanceof Error ? e.message : String(e)}`)).finally(() => pty.release());
  return { sessionId: profiling.id, pid: session.program.pid, finished };
}
