/**
 * Stable rows of the Sessions view. A tree item's command with arguments lives in VS Code's
 * extension host only until that item is refreshed: a click that reaches the host after a
 * refresh finds no command ("Actual command not found") and is dropped without a word (issue 13:
 * 2 clicks of ~20, the whole view was refreshed every second while recording). So each row gets
 * one node object for its lifetime (the key VS Code refreshes it by) and a command of its own
 * without arguments, registered while its session lives, which a refresh cannot invalidate.
 */
import * as vscode from 'vscode';
import { captureActions } from '../session/capture-menu';
import type { SessionsNode } from '../session/session-node';
import type { SessionChange, SessionRegistry } from '../session/session-registry';

type ActionName = Extract<SessionsNode, { type: 'action' }>['action'];
/** A row that runs something when clicked. */
type ClickableNode = Exclude<SessionsNode, { type: 'session' }>;

const ACTION_COMMANDS: Readonly<Record<ActionName, string>> = {
  'cpu-start': 'goProfiler.session.startCpu',
  'cpu-stop': 'goProfiler.session.stopCpu',
  'trace-start': 'goProfiler.session.startTrace',
  'trace-stop': 'goProfiler.session.stopTrace',
  'flight-snapshot': 'goProfiler.session.snapshotTrace',
  stop: 'goProfiler.session.stop',
};

/** The tree item id of a row (unique in the view). */
export function rowId(node: SessionsNode): string {
  if (node.type === 'session') return node.sessionId;
  return `${node.sessionId}/${node.type === 'capture' ? node.kind : node.action}`;
}

/** The row command a click runs: it passes the row's node to the real command. */
export function rowCommand(node: SessionsNode): string {
  return `goProfiler.internal.sessionRow.${rowId(node)}`;
}

function commandOf(node: ClickableNode): string {
  return node.type === 'capture' ? 'goProfiler.session.capture' : ACTION_COMMANDS[node.action];
}

export class SessionRows implements vscode.Disposable {
  private readonly nodes = new Map<string, SessionsNode>();
  private readonly commands = new Map<string, vscode.Disposable[]>();

  constructor(private readonly registry: SessionRegistry) {}

  /** Registers the rows of new sessions and drops those of ended ones. */
  sync(): void {
    const live = new Set(this.registry.all().map((s) => s.session.id));
    for (const [id, disposables] of this.commands) {
      if (live.has(id)) continue;
      for (const d of disposables) d.dispose();
      this.commands.delete(id);
      for (const key of [...this.nodes.keys()]) if (key === id || key.startsWith(`${id}/`)) this.nodes.delete(key);
    }
    for (const state of this.registry.all()) {
      const id = state.session.id;
      if (this.commands.has(id)) continue;
      const rows: ClickableNode[] = [
        ...(state.session.cpuControl ? (['cpu-start', 'cpu-stop'] as const).map((action) => ({ type: 'action', sessionId: id, action }) as const) : []),
        ...(state.session.traceControl ? (['trace-start', 'trace-stop'] as const).map((action) => ({ type: 'action', sessionId: id, action }) as const) : []),
        ...(state.session.flight ? [{ type: 'action', sessionId: id, action: 'flight-snapshot' } as const] : []),
        ...captureActions(state.session.source).map((a) => ({ type: 'capture', sessionId: id, kind: a.kind }) as const),
        { type: 'action', sessionId: id, action: 'stop' },
      ];
      this.node({ type: 'session', sessionId: id });
      this.commands.set(
        id,
        rows.map((row) => {
          const node = this.node(row);
          return vscode.commands.registerCommand(rowCommand(node), () => vscode.commands.executeCommand(commandOf(node), node));
        }),
      );
    }
  }

  /** The one node object of the row `like` describes. */
  node<T extends SessionsNode>(like: T): T {
    const id = rowId(like);
    const known = this.nodes.get(id);
    if (known) return known as T;
    this.nodes.set(id, like);
    return like;
  }

  /** The row a change repaints, if the view has it. */
  changedRow(change: SessionChange): SessionsNode | undefined {
    const state = this.registry.get(change.sessionId);
    if (!state) return undefined;
    const { sessionId } = change;
    if (change.row === 'session') return this.nodes.get(sessionId);
    if (change.row === 'cpu' && state.session.cpuControl) return this.nodes.get(`${sessionId}/${state.cpuStartedAt ? 'cpu-stop' : 'cpu-start'}`);
    if (change.row === 'trace-recording') return this.nodes.get(`${sessionId}/${state.traceStartedAt ? 'trace-stop' : 'trace-start'}`);
    return this.nodes.get(`${sessionId}/${change.row}`);
  }

  dispose(): void {
    for (const disposables of this.commands.values()) for (const d of disposables) d.dispose();
    this.commands.clear();
    this.nodes.clear();
  }
}
