/**
 * The Servers section of the Go Profiler view: the configured Pyroscope and Parca servers and,
 * under each, the profiles opened from it in this window (click to show, inline Refresh,
 * Compare and Save a copy).
 */
import * as vscode from 'vscode';
import { PROFILE_VIEW_TYPE } from '../shared/protocol';
import type { ServerConfig } from '../servers/server-config';
import type { OpenedServerProfile, ServerProfiles } from './server-profiles';

export const SERVERS_VIEW = 'goProfiler.servers';

export type ServersNode = { readonly kind: 'server'; readonly server: ServerConfig } | { readonly kind: 'profile'; readonly opened: OpenedServerProfile };

export class ServersTree implements vscode.TreeDataProvider<ServersNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly servers: () => ServerConfig[],
    private readonly profiles: ServerProfiles,
  ) {
    this.subscriptions = [profiles.onDidChange(() => this.refresh())];
  }

  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }

  getChildren(node?: ServersNode): ServersNode[] {
    if (!node) return this.servers().map((server) => ({ kind: 'server', server }));
    if (node.kind === 'server') return this.profiles.list(node.server).map((opened) => ({ kind: 'profile', opened }));
    return [];
  }

  getParent(node: ServersNode): ServersNode | undefined {
    return node.kind === 'profile' ? { kind: 'server', server: node.opened.query.server } : undefined;
  }

  getTreeItem(node: ServersNode): vscode.TreeItem {
    if (node.kind === 'server') {
      const { server } = node;
      const hasChildren = this.profiles.list(server).length > 0;
      const item = new vscode.TreeItem(server.name, hasChildren ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
      item.id = `server:${server.name}`;
      item.description = `${server.kind} · ${server.url}${server.tenant ? ` · tenant ${server.tenant}` : ''}`;
      item.iconPath = new vscode.ThemeIcon('server');
      item.contextValue = 'goProfiler.server';
      item.tooltip = `${server.name}: ${server.kind} at ${server.url}. Open from Server… pulls a merged profile from it.`;
      return item;
    }
    const { opened } = node;
    const item = new vscode.TreeItem(opened.title.replace(` · ${opened.query.server.name} · `, ' · '), vscode.TreeItemCollapsibleState.None);
    item.id = `server-profile:${opened.path}`;
    item.iconPath = new vscode.ThemeIcon('flame');
    item.contextValue = 'goProfiler.serverProfile';
    item.tooltip = `${opened.title}\n${opened.query.selector}\n${opened.pulled.sampleCount} samples (${opened.pulled.call})`;
    item.command = { command: 'vscode.openWith', title: 'Open', arguments: [vscode.Uri.file(opened.path), PROFILE_VIEW_TYPE, { preview: false }] };
    return item;
  }
}
