/**
 * Wires production profiles: the Servers section, "Open from Server…", credentials, and the
 * actions on a server profile (Refresh, the three comparisons, Save a copy). An action takes
 * the tree node it was invoked on, or else the server profile in the active editor.
 */
import { join } from 'node:path';
import * as vscode from 'vscode';
import { saveServerCopy } from '../servers/save-copy';
import type { ServerConfig } from '../servers/server-config';
import { describeCause } from '../store/write-errors';
import { openFromServer } from './open-from-server';
import { compareLabelValue, compareLocalCapture, comparePreviousPeriod } from './server-compare';
import { ServerCredentials } from './server-credentials';
import { pickServer } from './server-pickers';
import { ServerProfiles, type OpenedServerProfile } from './server-profiles';
import { configuredServers, SERVERS_SETTING } from './server-settings';
import { SERVERS_VIEW, ServersTree, type ServersNode } from './servers-tree';

export const OPEN_FROM_SERVER_COMMAND = 'goProfiler.servers.open';

export interface ServersWiring {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  /** The profiles folder (for Save a copy). */
  readonly folder: () => string;
  /** Called after a copy was saved into the profiles folder. */
  readonly saved: () => void;
}

export function registerServers({ context, log, folder, saved }: ServersWiring): vscode.Disposable[] {
  const servers = () => configuredServers(log);
  const profiles = new ServerProfiles(join(context.globalStorageUri.fsPath, 'server-profiles'), new ServerCredentials(context.secrets), log);
  const tree = new ServersTree(servers, profiles);

  const serverOf = async (arg: unknown): Promise<ServerConfig | undefined> =>
    isNode(arg) && arg.kind === 'server' ? arg.server : pickServer(servers());
  const profileOf = (arg: unknown): OpenedServerProfile | undefined => {
    const opened = isNode(arg) && arg.kind === 'profile' ? arg.opened : profiles.active();
    if (!opened) void vscode.window.showInformationMessage('Go Profiler: open a profile from a server first (Go Profiler: Open from Server…).');
    return opened;
  };
  const onProfile = (action: (opened: OpenedServerProfile) => Promise<unknown>) => async (arg?: unknown) => {
    const opened = profileOf(arg);
    if (opened) await action(opened);
  };

  const view = vscode.window.createTreeView(SERVERS_VIEW, { treeDataProvider: tree });
  // A server whose first profile just arrived is shown expanded (VS Code keeps a row's old state).
  const revealNewest = profiles.onDidChange(() => {
    const newest = profiles.list().at(-1);
    if (newest && view.visible) view.reveal({ kind: 'profile', opened: newest }, { select: false, focus: false, expand: true }).then(undefined, () => undefined);
  });
  return [
    profiles,
    tree,
    view,
    revealNewest,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SERVERS_SETTING)) tree.refresh();
    }),
    vscode.commands.registerCommand(OPEN_FROM_SERVER_COMMAND, (arg?: unknown) =>
      openFromServer(profiles, servers(), isNode(arg) && arg.kind === 'server' ? arg.server : undefined),
    ),
    vscode.commands.registerCommand('goProfiler.servers.setCredentials', async (arg?: unknown) => {
      const server = await serverOf(arg);
      if (server && (await profiles.credentials.ask(server))) void vscode.window.showInformationMessage(`Go Profiler: credentials for ${server.name} stored in VS Code's secret storage.`);
    }),
    vscode.commands.registerCommand('goProfiler.servers.refresh', onProfile((o) => profiles.refresh(o))),
    vscode.commands.registerCommand('goProfiler.servers.comparePrevious', onProfile((o) => comparePreviousPeriod(profiles, o))),
    vscode.commands.registerCommand('goProfiler.servers.compareLabel', onProfile((o) => compareLabelValue(profiles, o))),
    vscode.commands.registerCommand('goProfiler.servers.compareLocal', onProfile((o) => compareLocalCapture(profiles, o))),
    vscode.commands.registerCommand(
      'goProfiler.servers.saveCopy',
      onProfile(async (o) => {
        try {
          const copy = await saveServerCopy(folder(), o.pulled.gzipped, o.query);
          saved();
          void vscode.window.showInformationMessage(`Go Profiler: saved ${copy.profilePath} (its .json records the query).`);
        } catch (e) {
          void vscode.window.showErrorMessage(`Go Profiler: could not save a copy of ${o.title}: ${describeCause(e)}`);
        }
      }),
    ),
  ];
}

function isNode(arg: unknown): arg is ServersNode {
  return typeof arg === 'object' && arg !== null && ((arg as ServersNode).kind === 'server' || (arg as ServersNode).kind === 'profile');
}
