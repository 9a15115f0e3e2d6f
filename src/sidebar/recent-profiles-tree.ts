/**
 * The Recent Profiles view: captures kept in memory because the folder could not take them
 * (first, with Save As…), then the profiles folder, newest first, with type and program from sidecars.
 */
import * as vscode from 'vscode';
import { PROFILE_VIEW_TYPE } from '../shared/protocol';
import { SAVE_UNSAVED_COMMAND } from '../session/unsaved-captures';
import { listProfiles, type ListedProfile } from '../store/profile-store';
import type { UnsavedCapture, UnsavedCaptures } from '../store/unsaved';
import { recentProfileLabels } from './recent-profile-labels';
import { recentProfileTooltip } from './recent-profile-tooltip';

export const RECENT_PROFILES_VIEW = 'goProfiler.recentProfiles';

export interface RecentProfileNode {
  readonly profilePath: string;
  readonly listed: ListedProfile;
}

/** A capture only in memory (see src/session/unsaved-captures.ts). */
export interface UnsavedCaptureNode {
  readonly unsavedId: number;
}

type RecentNode = RecentProfileNode | UnsavedCaptureNode;

export class RecentProfilesTree implements vscode.TreeDataProvider<RecentNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RecentNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private watcher: vscode.FileSystemWatcher | undefined;
  private watchedFolder: string | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private readonly stopListening: () => void;

  constructor(
    private readonly folder: () => string,
    private readonly log: vscode.LogOutputChannel,
    private readonly unsaved: UnsavedCaptures,
  ) {
    this.stopListening = unsaved.onDidChange(() => this.refresh());
  }

  refresh(): void {
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => this.changed.fire(undefined), 150);
  }

  private watch(folder: string): void {
    if (this.watchedFolder === folder) return;
    this.watcher?.dispose();
    this.watchedFolder = folder;
    this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(folder), '*'));
    this.watcher.onDidCreate(() => this.refresh());
    this.watcher.onDidDelete(() => this.refresh());
    this.watcher.onDidChange(() => this.refresh());
  }

  async getChildren(node?: RecentNode): Promise<RecentNode[]> {
    if (node) return [];
    const folder = this.folder();
    this.watch(folder);
    const unsaved = this.unsaved.list().map((c) => ({ unsavedId: c.id }));
    try {
      return [...unsaved, ...(await listProfiles(folder)).map((listed) => ({ profilePath: listed.profilePath, listed }))];
    } catch (e) {
      this.log.error(`Recent Profiles: cannot list ${folder}: ${e instanceof Error ? e.message : String(e)}`);
      return unsaved;
    }
  }

  getTreeItem(node: RecentNode): vscode.TreeItem {
    if ('unsavedId' in node) return unsavedItem(node.unsavedId, this.unsaved.get(node.unsavedId));
    const uri = vscode.Uri.file(node.profilePath);
    const { label, description } = recentProfileLabels(node.listed);
    const item = new vscode.TreeItem(label);
    item.description = description;
    item.tooltip = new vscode.MarkdownString(recentProfileTooltip(node.listed));
    item.iconPath = new vscode.ThemeIcon('flame');
    item.contextValue = 'goProfiler.recentProfile';
    item.command = { command: 'vscode.openWith', title: 'Open', arguments: [uri, PROFILE_VIEW_TYPE, { preview: true }] };
    return item;
  }

  dispose(): void {
    this.stopListening();
    if (this.debounce) clearTimeout(this.debounce);
    this.watcher?.dispose();
    this.changed.dispose();
  }
}

function unsavedItem(id: number, capture: UnsavedCapture | undefined): vscode.TreeItem {
  const item = new vscode.TreeItem(capture ? `Unsaved: ${capture.item.type} · ${capture.item.program}` : 'Unsaved capture');
  item.description = 'Save As…';
  item.tooltip = capture ? `${capture.origin}: ${capture.reason}\n\nKept in memory until saved elsewhere or discarded.` : '';
  item.iconPath = new vscode.ThemeIcon('warning');
  item.contextValue = 'goProfiler.unsavedCapture';
  item.command = { command: SAVE_UNSAVED_COMMAND, title: 'Save As…', arguments: [id] };
  return item;
}
