/**
 * Execution traces from a running session beside the timed capture: Start/Stop Trace (the
 * runtime's tracer from click to click) and a snapshot of the flight recorder's last N
 * seconds. Each is saved with its sidecar and opened in the Go Trace editor.
 */
import * as vscode from 'vscode';
import type { CaptureResult } from '../capture/capture-kinds';
import { report, saveAndOpen, startRecording, stopRecording, type CaptureDeps } from './capture-runner';
import { queueCapture } from './capture-queue';
import type { SessionState } from './session-registry';

export async function startTrace(deps: CaptureDeps, state: SessionState): Promise<boolean> {
  const control = state.session.traceControl;
  const busy = state.traceStartedAt !== undefined || state.busy.has('trace-recording');
  if (!control || busy) {
    const why = !control ? 'cannot record an open-ended trace (attached sessions take timed traces)' : state.traceStartedAt ? 'is already tracing; stop that trace first' : 'is starting or saving a trace; try again when it is done';
    void vscode.window.showWarningMessage(`Go Profiler: ${state.session.label} ${why}.`);
    return false;
  }
  return startRecording(deps, state, 'trace-recording', () => control.start(), () => (state.traceStartedAt = new Date()));
}

export async function stopTrace(deps: CaptureDeps, state: SessionState): Promise<string | undefined> {
  const control = state.session.traceControl;
  if (!control || !state.traceStartedAt) {
    void vscode.window.showWarningMessage(`Go Profiler: ${state.session.label} is not tracing.`);
    return undefined;
  }
  state.traceStartedAt = undefined;
  return stopRecording(deps, state, 'trace-recording', () => control.stop());
}

/** Saves and opens the flight recorder's last N seconds of execution trace (a click while one is fetched is queued). */
export async function snapshotTrace(deps: CaptureDeps, state: SessionState): Promise<string | undefined> {
  const flight = state.session.flight;
  if (!flight) {
    const why = 'has no flight recorder (it needs Go 1.25 or later and goProfiler.flightRecorderSeconds > 0)';
    void vscode.window.showWarningMessage(`Go Profiler: ${state.session.label} ${why}.`);
    return undefined;
  }
  return queueCapture(deps.registry, state, 'flight-snapshot', async () => {
    try {
      const title = `${state.session.label}: saving the last ${flight.seconds} s of execution trace…`;
      const result = await vscode.window.withProgress<CaptureResult>({ location: vscode.ProgressLocation.Window, title }, () => flight.snapshot());
      return (await saveAndOpen(deps, state, result)).profilePath;
    } catch (e) {
      report(deps, state, e);
      return undefined;
    }
  });
}
