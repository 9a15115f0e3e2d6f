/** The Sessions view: each running session, with its capture actions as child items. */
import * as vscode from 'vscode';
import type { CaptureKind } from '../capture/capture-kinds';
import { captureActions } from '../session/capture-menu';
import { formatElapsed } from '../session/recording-format';
import type { SessionRegistry, SessionState } from '../session/session-registry';
import type { SessionsNode } from '../session/session-node';

export type { SessionsNode };

export const SESSIONS_VIEW = 'goProfiler.sessions';


const ICONS: Readonly<Record<CaptureKind, string>> = {
  cpu: 'pulse',
  heap: 'database',
  'heap-nogc': 'database',
  allocs: 'symbol-array',
  goroutine: 'list-tree',
  block: 'debug-pause',
  mutex: 'lock',
  threadcreate: 'server-process',
  trace: 'graph-line',
};

export class SessionsTree implements vscode.TreeDataProvider<SessionsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SessionsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly registry: SessionRegistry) {
    this.subscription = registry.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: SessionsNode): SessionsNode[] {
    if (!node) return this.registry.all().map((s) => ({ type: 'session', sessionId: s.session.id }));
    if (node.type !== 'session') return [];
    const state = this.registry.get(node.sessionId);
    if (!state) return [];
    const id = node.sessionId;
    const cpu: SessionsNode[] = state.session.cpuControl
      ? [{ type: 'action', sessionId: id, action: state.cpuStartedAt ? 'cpu-stop' : 'cpu-start' }]
      : [];
    return [
      ...cpu,
      ...captureActions(state.session.source).map((a): SessionsNode => ({ type: 'capture', sessionId: id, kind: a.kind })),
      { type: 'action', sessionId: id, action: 'stop' },
    ];
  }

  getTreeItem(node: SessionsNode): vscode.TreeItem {
    const state = this.registry.get(node.sessionId);
    if (!state) return new vscode.TreeItem('(ended)');
    if (node.type === 'session') return sessionItem(state);
    if (node.type === 'capture') {
      const action = captureActions(state.session.source).find((a) => a.kind === node.kind);
      const busy = state.busy.has(node.kind);
      const item = new vscode.TreeItem(`${busy ? 'Recording ' : 'Capture '}${action?.label ?? node.kind}${action?.timed ? '…' : ''}`);
      item.iconPath = new vscode.ThemeIcon(busy ? 'loading~spin' : ICONS[node.kind]);
      item.contextValue = 'goProfiler.capture';
      item.command = { command: 'goProfiler.session.capture', title: 'Capture', arguments: [node] };
      return item;
    }
    const labels = { 'cpu-start': 'Start CPU Recording', 'cpu-stop': 'Stop CPU Recording', stop: 'Stop Session' } as const;
    const icons = { 'cpu-start': 'record', 'cpu-stop': 'debug-stop', stop: 'close' } as const;
    const commands = { 'cpu-start': 'goProfiler.session.startCpu', 'cpu-stop': 'goProfiler.session.stopCpu', stop: 'goProfiler.session.stop' } as const;
    const item = new vscode.TreeItem(labels[node.action]);
    item.iconPath = new vscode.ThemeIcon(icons[node.action]);
    if (node.action === 'cpu-stop' && state.cpuStartedAt) item.description = formatElapsed(Date.now() - state.cpuStartedAt.getTime());
    item.command = { command: commands[node.action], title: labels[node.action], arguments: [node] };
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function sessionItem(state: SessionState): vscode.TreeItem {
  const s = state.session;
  const item = new vscode.TreeItem(s.label, vscode.TreeItemCollapsibleState.Expanded);
  item.iconPath = new vscode.ThemeIcon(state.cpuStartedAt ? 'record' : s.source === 'attach' ? 'plug' : 'flame');
  const recording = state.cpuStartedAt ? 'recording CPU' : state.busy.size > 0 ? `recording ${[...state.busy].join(', ')}` : '';
  item.description = [s.pid !== undefined ? `pid ${s.pid}` : 'attached', recording].filter(Boolean).join(' · ');
  item.tooltip = s.source === 'attach' ? `Attached to ${s.label}` : `${s.label} (pid ${s.pid}) running with the Go Profiler agent`;
  item.contextValue = `goProfiler.session.${s.source}${state.cpuStartedAt ? '.recording' : ''}`;
  item.id = s.id;
  return item;
}
