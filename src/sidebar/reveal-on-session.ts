/**
 * When a session starts, bring the Go Profiler view (its capture buttons) to the front unless
 * the Sessions view is already visible; goProfiler.internal.sessionsViewVisible tells tests.
 */
import * as vscode from 'vscode';
import type { SessionRegistry } from '../session/session-registry';

/**
 * For every session, whoever started it (Run with Profiler, Attach…). "<view id>.focus" opens
 * the Go Profiler container and expands the Sessions view if it was collapsed.
 */
export function revealViewOnNewSession(registry: SessionRegistry, view: vscode.TreeView<unknown>, viewId: string): vscode.Disposable[] {
  const seen = new Set(registry.all().map((s) => s.session.id));
  return [
    registry.onDidChange(() => {
      const ids = registry.all().map((s) => s.session.id);
      const started = ids.some((id) => !seen.has(id));
      seen.clear();
      for (const id of ids) seen.add(id);
      if (started && !view.visible) void vscode.commands.executeCommand(`${viewId}.focus`);
    }),
    vscode.commands.registerCommand('goProfiler.internal.sessionsViewVisible', () => view.visible),
  ];
}
