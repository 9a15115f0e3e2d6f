/** Status bar "$(record) Recording CPU 0:12" (or "Trace") while any session records CPU or a trace; click stops it. */
import * as vscode from 'vscode';
import { recordingStatusText } from './recording-format';
import type { SessionRegistry } from './session-registry';

export class RecordingStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('goProfiler.recording', vscode.StatusBarAlignment.Left, 100);
  private timer: NodeJS.Timeout | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly registry: SessionRegistry) {
    this.item.name = 'Go Profiler Recording';
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    // Sessions coming or going, or a recording starting or stopping (not every row's change).
    this.subscription = registry.onDidChange((change) => {
      if (change === undefined || change.row === 'session') this.update();
    });
  }

  private update(): void {
    const recording = this.registry.all().find((s) => s.cpuStartedAt !== undefined || s.traceStartedAt !== undefined);
    const cpu = recording?.cpuStartedAt !== undefined;
    const since = recording?.cpuStartedAt ?? recording?.traceStartedAt;
    if (!recording || !since) {
      this.item.hide();
      if (this.timer) clearInterval(this.timer);
      this.timer = undefined;
      return;
    }
    const startedAt = since.getTime();
    const render = (): void => {
      this.item.text = recordingStatusText(cpu ? 'CPU' : 'Trace', Date.now() - startedAt);
    };
    render();
    const what = cpu ? 'CPU' : 'an execution trace';
    this.item.tooltip = `Go Profiler: recording ${what} of ${recording.session.label}; click to stop and open it`;
    this.item.command = {
      command: cpu ? 'goProfiler.session.stopCpu' : 'goProfiler.session.stopTrace',
      title: cpu ? 'Stop CPU Recording' : 'Stop Trace',
      arguments: [{ type: 'action', sessionId: recording.session.id, action: cpu ? 'cpu-stop' : 'trace-stop' }],
    };
    this.item.show();
    if (this.timer) clearInterval(this.timer);
    this.timer = setInterval(render, 1000);
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.subscription.dispose();
    this.item.dispose();
  }
}
