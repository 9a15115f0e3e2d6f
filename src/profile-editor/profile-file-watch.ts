/**
 * Watches one opened profile file: after a burst of change events settles, reports whether the
 * file changed (new size or modification time than what was loaded) or is gone.
 */
import * as vscode from 'vscode';
import { statFile } from './regular-file';

export interface FileVersion {
  readonly size: number;
  readonly mtime: number;
}

export type FileEvent = { readonly kind: 'changed'; readonly version: FileVersion } | { readonly kind: 'deleted' };

/** Events closer together than this are one change (a writer writing in chunks). */
const SETTLE_MS = 300;

export async function fileVersion(uri: vscode.Uri): Promise<FileVersion | undefined> {
  try {
    const stat = await statFile(uri);
    return { size: stat.size, mtime: stat.mtime };
  } catch {
    return undefined;
  }
}

export class ProfileFileWatch implements vscode.Disposable {
  private readonly watcher: vscode.FileSystemWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;

  /** `known` is the version last loaded (or seen); events equal to it are ignored. */
  constructor(
    private readonly uri: vscode.Uri,
    private readonly known: () => FileVersion | undefined,
    private readonly onEvent: (event: FileEvent) => void,
  ) {
    if (uri.scheme !== 'file') return;
    const slash = uri.path.lastIndexOf('/');
    const folder = uri.with({ path: uri.path.slice(0, slash) || '/' });
    this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, uri.path.slice(slash + 1)));
    const poke = (): void => this.settle();
    this.watcher.onDidChange(poke);
    this.watcher.onDidCreate(poke);
    this.watcher.onDidDelete(poke);
  }

  private settle(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.check(), SETTLE_MS);
  }

  private async check(): Promise<void> {
    const now = await fileVersion(this.uri);
    if (this.disposed) return;
    if (now === undefined) {
      this.onEvent({ kind: 'deleted' });
      return;
    }
    const known = this.known();
    if (known && known.size === now.size && known.mtime === now.mtime) return;
    this.onEvent({ kind: 'changed', version: now });
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.watcher?.dispose();
  }
}
