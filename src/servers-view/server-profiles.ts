/**
 * The merged profiles opened from servers in this window: each is pulled (with progress and
 * cancel), written under the extension's storage with its title as file name (the editor tab
 * then says server, service, type and range), and opened in the profile editor. The query is
 * kept with it for Refresh, the comparisons and Save a copy.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { PROFILE_VIEW_TYPE } from '../shared/protocol';
import { pullProfile, truncationNotice, type PulledProfile } from '../servers/pull';
import type { ServerClient } from '../servers/server-client';
import type { ServerConfig } from '../servers/server-config';
import { ServerError, serverLabel } from '../servers/server-errors';
import { queryTitle, type ServerQuery } from '../servers/server-query';
import { describeCause } from '../store/write-errors';
import type { ServerCredentials } from './server-credentials';
import { rangeOf, type RangeSpec } from './server-pickers';

export interface OpenedServerProfile {
  readonly path: string;
  readonly title: string;
  readonly query: ServerQuery;
  readonly spec: RangeSpec;
  readonly pulled: PulledProfile;
}

/** A title as a file name on every OS (no path separators, colons or other reserved characters). */
export function titleFileName(title: string): string {
  return `${title.replace(/[\\/:*?"<>|]|\p{Cc}/gu, '-').slice(0, 180)}.pb.gz`;
}

export class ServerProfiles implements vscode.Disposable {
  private readonly opened = new Map<string, OpenedServerProfile>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly dir: string,
    readonly credentials: ServerCredentials,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  dispose(): void {
    this.changed.dispose();
  }

  list(server?: ServerConfig): OpenedServerProfile[] {
    return [...this.opened.values()].filter((o) => !server || o.query.server.name === server.name);
  }

  /** The server profile of the active editor tab, if it is one. */
  active(): OpenedServerProfile | undefined {
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    return input instanceof vscode.TabInputCustom ? this.opened.get(input.uri.fsPath) : undefined;
  }

  /** A client with the server's stored credentials. */
  async client(server: ServerConfig): Promise<ServerClient> {
    // Loaded on first use: the RPC packages are most of the extension's code (scripts/build.mjs).
    const { createServerClient } = await import('../servers/create-client');
    return createServerClient(server, await this.credentials.get(server));
  }

  /**
   * Runs `work` with the server's client; on 401/403 offers to set credentials and tries once
   * more. Other failures are shown in one line naming the server; undefined then.
   */
  async withServer<T>(server: ServerConfig, work: (client: ServerClient) => Promise<T>): Promise<T | undefined> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await work(await this.client(server));
      } catch (e) {
        const error = e instanceof ServerError ? e : new ServerError('server', `${serverLabel(server)}: ${e instanceof Error ? e.message : String(e)}`);
        if (error.reason === 'cancelled') return undefined;
        this.log.warn(error.message);
        if ((error.reason === 'unauthenticated' || error.reason === 'forbidden') && attempt === 0) {
          const set = 'Set Credentials…';
          if ((await vscode.window.showErrorMessage(`Go Profiler: ${error.message}`, set)) !== set) return undefined;
          if (!(await this.credentials.ask(server, error.message))) return undefined;
          continue;
        }
        void vscode.window.showErrorMessage(`Go Profiler: ${error.message}`);
        return undefined;
      }
    }
  }

  /** Pulls `query` with a cancellable progress notification and writes it; does not open it. */
  async pull(query: ServerQuery, spec: RangeSpec): Promise<OpenedServerProfile | undefined> {
    const title = queryTitle(query, spec.label);
    const pulled = await this.withServer(query.server, async (client): Promise<PulledProfile> =>
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Go Profiler: ${title}`, cancellable: true },
        async (progress, token) => {
          const abort = new AbortController();
          const sub = token.onCancellationRequested(() => abort.abort());
          try {
            progress.report({ message: `merging on ${query.server.name}…` });
            return await pullProfile(client, query, abort.signal);
          } finally {
            sub.dispose();
          }
        },
      ),
    );
    if (!pulled) return undefined;
    const path = join(this.dir, titleFileName(title));
    try {
      await mkdir(this.dir, { recursive: true });
      await writeFile(path, pulled.gzipped);
    } catch (e) {
      void vscode.window.showErrorMessage(`Go Profiler: could not write ${path}: ${describeCause(e)}`);
      return undefined;
    }
    const opened: OpenedServerProfile = { path, title, query, spec, pulled };
    this.log.info(`${title}: ${pulled.sampleCount} samples from ${query.server.url} (${pulled.call}) into ${path}`);
    const notice = truncationNotice(pulled, query);
    if (notice) void vscode.window.showInformationMessage(`Go Profiler: ${notice}`);
    this.opened.set(path, opened);
    this.changed.fire();
    return opened;
  }

  async open(opened: OpenedServerProfile, viewColumn?: vscode.ViewColumn): Promise<void> {
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(opened.path), PROFILE_VIEW_TYPE, { preview: false, ...(viewColumn ? { viewColumn } : {}) });
  }

  async pullAndOpen(query: ServerQuery, spec: RangeSpec): Promise<OpenedServerProfile | undefined> {
    const opened = await this.pull(query, spec);
    if (opened) await this.open(opened);
    return opened;
  }

  /** The same query again; a relative range ("last hour") moves to now. The open editor reloads its file. */
  refresh(opened: OpenedServerProfile): Promise<OpenedServerProfile | undefined> {
    return this.pullAndOpen({ ...opened.query, range: rangeOf(opened.spec) }, opened.spec);
  }
}
