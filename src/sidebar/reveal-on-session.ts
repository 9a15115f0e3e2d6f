/**
 * When a session starts, bring the Go Profiler view (its capture buttons) to the front unless
 * the Sessions view is already visible; goProfiler.internal.sessionsViewVisible tells tests.
 */
import * as vscode from 'vscode';
import type { SessionRegistry } from '../session/session-registry';

/** The activity bar container of package.json's viewsContainers ("goProfiler"). */
const SHOW_CONTAINER_COMMAND = 'workbench.view.extension.goProfiler';

export function revealViewOnNewSession(registry: SessionRegistry, view: vscode.TreeView<unknown>): vscode.Disposable[] {
  const seen = new Set(registry.all().map((s) => s.session.id));
  return [
    registry.onDidChange(() => {
      const ids = registry.all().map((s) => s.session.id);
      const started = ids.some((id) => !seen.has(id));
      seen.clear();
      for (const id of ids) seen.add(id);
      if (started && !view.visible) void vscode.commands.executeCommand(SHOW_CONTAINER_COMMAND);
    }),
    vscode.commands.registerCommand('goProfiler.internal.sessionsViewVisible', () => view.visible),
  ];
}
