/**
 * The Saved Views section of the Go Profiler view: the views in each workspace folder's
 * `.vscode/go-profiler-views.json`. A file that cannot be read shows as one error row naming
 * it and why (never as an empty list).
 */
import * as vscode from 'vscode';
import type { SavedView } from '../shared/saved-views';
import { SAVED_VIEWS_FILE } from '../shared/saved-views';
import { readSavedViews, savedViewsPath } from '../store/saved-views-file';

export const SAVED_VIEWS_VIEW = 'goProfiler.savedViews';
export const APPLY_VIEW_COMMAND = 'goProfiler.savedViews.apply';

export interface SavedViewNode {
  /** The views file the view is in. */
  readonly file: string;
  readonly view: SavedView;
  /** Shown beside the name when several folders are open. */
  readonly folderName: string | undefined;
}

interface ErrorNode {
  readonly file: string;
  readonly error: string;
}

type Node = SavedViewNode | ErrorNode;

/** The workspace folders' views files, the first one first (where views are saved when no profile says otherwise). */
export function workspaceViewsFiles(): { readonly file: string; readonly name: string }[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => ({ file: savedViewsPath(f.uri.fsPath), name: f.name }));
}

export class SavedViewsTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly watcher = vscode.workspace.createFileSystemWatcher(`**/${SAVED_VIEWS_FILE}`);

  constructor() {
    // The CLI's users and the user's editor change the file too.
    this.watcher.onDidCreate(() => this.refresh());
    this.watcher.onDidChange(() => this.refresh());
    this.watcher.onDidDelete(() => this.refresh());
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node) return [];
    const files = workspaceViewsFiles();
    const rows: Node[] = [];
    for (const { file, name } of files) {
      try {
        for (const view of await readSavedViews(file)) rows.push({ file, view, folderName: files.length > 1 ? name : undefined });
      } catch (e) {
        rows.push({ file, error: e instanceof Error ? e.message : String(e) });
      }
    }
    return rows;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if ('error' in node) {
      const item = new vscode.TreeItem('Cannot read the saved views');
      item.description = node.error;
      item.tooltip = node.error;
      item.iconPath = new vscode.ThemeIcon('error');
      item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.file(node.file)] };
      return item;
    }
    const item = new vscode.TreeItem(node.view.name);
    item.description = [node.folderName, describeState(node.view)].filter(Boolean).join(' · ');
    item.tooltip = `${node.view.name}\n${describeState(node.view)}\nClick to apply to the active profile editor.`;
    item.iconPath = new vscode.ThemeIcon('eye');
    item.contextValue = 'goProfiler.savedView';
    item.command = { command: APPLY_VIEW_COMMAND, title: 'Apply to the Active Profile', arguments: [node] };
    return item;
  }

  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
  }
}

/** "top · alloc_space · focus=^main\." : what the view sets, in short. */
function describeState({ state }: SavedView): string {
  const f = state.filters;
  const filters = f ? (['focus', 'ignore', 'hide', 'show', 'tagFocus'] as const).filter((k) => f[k] !== '').map((k) => `${k}=${f[k]}`) : [];
  const granularity = f && f.granularity !== 'functions' ? [f.granularity] : [];
  return [state.view, state.sampleType, ...granularity, ...filters].filter(Boolean).join(' · ');
}
