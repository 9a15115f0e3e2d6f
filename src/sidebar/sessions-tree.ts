/**
 * The Sessions view: each running session, with its capture actions as child items. A change
 * repaints only its own row (see session-rows.ts for why a click must survive repaints).
 */
import * as vscode from 'vscode';
import type { CaptureKind } from '../capture/capture-kinds';
import { captureActions } from '../session/capture-menu';
import { formatElapsed } from '../session/recording-format';
import type { SessionRegistry, SessionState } from '../session/session-registry';
import type { SessionsNode } from '../session/session-node';
import { rowCommand, rowId, SessionRows } from './session-rows';

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

const BUSY_ICON = 'loading~spin';

export class SessionsTree implements vscode.TreeDataProvider<SessionsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SessionsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private readonly rows: SessionRows;

  constructor(private readonly registry: SessionRegistry) {
    this.rows = new SessionRows(registry);
    this.rows.sync();
    this.subscription = registry.onDidChange((change) => {
      if (change === undefined) {
        this.rows.sync();
        this.changed.fire(undefined);
        return;
      }
      const row = this.rows.changedRow(change);
      if (row) this.changed.fire(row);
    });
  }

  getChildren(node?: SessionsNode): SessionsNode[] {
    if (!node) return this.registry.all().map((s) => this.rows.node({ type: 'session', sessionId: s.session.id }));
    if (node.type !== 'session') return [];
    const state = this.registry.get(node.sessionId);
    if (!state) return [];
    const id = node.sessionId;
    const cpu: SessionsNode[] = state.session.cpuControl
      ? [this.rows.node({ type: 'action', sessionId: id, action: state.cpuStartedAt ? 'cpu-stop' : 'cpu-start' })]
      : [];
    const trace: SessionsNode[] = state.session.traceControl
      ? [this.rows.node({ type: 'action', sessionId: id, action: state.traceStartedAt ? 'trace-stop' : 'trace-start' })]
      : [];
    const flight: SessionsNode[] = state.session.flight ? [this.rows.node({ type: 'action', sessionId: id, action: 'flight-snapshot' })] : [];
    return [
      ...cpu,
      ...trace,
      ...flight,
      ...captureActions(state.session.source).map((a) => this.rows.node({ type: 'capture', sessionId: id, kind: a.kind })),
      this.rows.node({ type: 'action', sessionId: id, action: 'stop' }),
    ];
  }

  getTreeItem(node: SessionsNode): vscode.TreeItem {
    const state = this.registry.get(node.sessionId);
    if (!state) return new vscode.TreeItem('(ended)');
    if (node.type === 'session') return sessionItem(state);
    const item = node.type === 'capture' ? captureItem(state, node.kind) : actionItem(state, node.action);
    item.id = rowId(node);
    item.command = { command: rowCommand(node), title: typeof item.label === 'string' ? item.label : 'Run' };
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.rows.dispose();
    this.changed.dispose();
  }
}

function captureItem(state: SessionState, kind: CaptureKind): vscode.TreeItem {
  const action = captureActions(state.session.source).find((a) => a.kind === kind);
  const busy = state.busy.has(kind);
  const item = new vscode.TreeItem(`${busy ? 'Recording ' : 'Capture '}${action?.label ?? kind}${action?.timed ? '…' : ''}`);
  item.iconPath = new vscode.ThemeIcon(busy ? BUSY_ICON : ICONS[kind]);
  const queued = state.queued.get(kind) ?? 0;
  if (queued > 0) item.description = `${queued} more queued`;
  item.contextValue = 'goProfiler.capture';
  return item;
}

const ACTION_ICONS = {
  'cpu-start': 'record',
  'cpu-stop': 'debug-stop',
  'trace-start': 'debug-start',
  'trace-stop': 'debug-stop',
  'flight-snapshot': 'history',
  stop: 'close',
} as const;

function actionItem(state: SessionState, action: Extract<SessionsNode, { type: 'action' }>['action']): vscode.TreeItem {
  const seconds = state.session.flight?.seconds ?? 0;
  const labels = {
    'cpu-start': 'Start CPU Recording',
    'cpu-stop': 'Stop CPU Recording',
    'trace-start': 'Start Trace',
    'trace-stop': 'Stop Trace',
    'flight-snapshot': `Snapshot Last ${seconds} s of Trace`,
    stop: 'Stop Session',
  } as const;
  const item = new vscode.TreeItem(labels[action]);
  // Starting, or saving what was recorded: the row spins meanwhile.
  const busyKind = action === 'stop' ? undefined : action === 'flight-snapshot' ? 'flight-snapshot' : action.startsWith('trace-') ? 'trace-recording' : 'cpu';
  item.iconPath = new vscode.ThemeIcon(busyKind && state.busy.has(busyKind) ? BUSY_ICON : ACTION_ICONS[action]);
  if (action === 'cpu-stop' && state.cpuStartedAt) item.description = formatElapsed(Date.now() - state.cpuStartedAt.getTime());
  if (action === 'trace-stop' && state.traceStartedAt) item.description = formatElapsed(Date.now() - state.traceStartedAt.getTime());
  if (action === 'flight-snapshot') {
    const queued = state.queued.get('flight-snapshot') ?? 0;
    if (queued > 0) item.description = `${queued} more queued`;
    item.tooltip = `The flight recorder keeps the last ${seconds} s of execution trace; click to save and open them`;
  }
  return item;
}

function sessionItem(state: SessionState): vscode.TreeItem {
  const s = state.session;
  const item = new vscode.TreeItem(s.label, vscode.TreeItemCollapsibleState.Expanded);
  item.iconPath = new vscode.ThemeIcon(state.cpuStartedAt || state.traceStartedAt ? 'record' : s.source === 'attach' ? 'plug' : 'flame');
  const recording = [state.cpuStartedAt ? 'recording CPU' : '', state.traceStartedAt ? 'tracing' : ''];
  item.description = [s.pid !== undefined ? `pid ${s.pid}` : 'attached', ...recording].filter(Boolean).join(' · ');
  item.tooltip = s.source === 'attach' ? `Attached to ${s.label}` : `${s.label} (pid ${s.pid}) running with the Go Profiler agent`;
  item.contextValue = `goProfiler.session.${s.source}${state.cpuStartedAt ? '.recording' : ''}`;
  item.id = s.id;
  return item;
}
