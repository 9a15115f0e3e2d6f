/** Status bar "$(record) Recording CPU 0:12" while any session records CPU; click stops it. */
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
    const recording = this.registry.all().find((s) => s.cpuStartedAt !== undefined);
    if (!recording || !recording.cpuStartedAt) {
      this.item.hide();
      if (this.timer) clearInterval(this.timer);
      this.timer = undefined;
      return;
    }
    const startedAt = recording.cpuStartedAt.getTime();
    const render = (): void => {
      this.item.text = recordingStatusText('CPU', Date.now() - startedAt);
    };
    render();
    this.item.tooltip = `Go Profiler: recording CPU of ${recording.session.label}; click to stop and open the profile`;
    this.item.command = {
      command: 'goProfiler.session.stopCpu',
      title: 'Stop CPU Recording',
      arguments: [{ type: 'action', sessionId: recording.session.id, action: 'cpu-stop' }],
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
