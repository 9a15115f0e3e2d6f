/** The servers of the setting `goProfiler.servers` and the merge size limit, read when asked. */
import * as vscode from 'vscode';
import { parseServers, type ServerConfig } from '../servers/server-config';

export const SERVERS_SETTING = 'goProfiler.servers';
export const MAX_NODES_SETTING = 'goProfiler.serverMaxNodes';

const reported = new Set<string>();

/** The usable servers; each bad entry is logged once, naming it and why. */
export function configuredServers(log: vscode.LogOutputChannel): ServerConfig[] {
  const { servers, problems } = parseServers(vscode.workspace.getConfiguration().get<unknown>(SERVERS_SETTING));
  for (const p of problems) {
    if (reported.has(p)) continue;
    reported.add(p);
    log.warn(`${p}; that entry is left out`);
  }
  return [...servers];
}

/** Most nodes a merge may return (0: no limit). */
export function serverMaxNodes(): number {
  const n = vscode.workspace.getConfiguration().get<number>(MAX_NODES_SETTING, 0);
  return Number.isInteger(n) && n > 0 ? n : 0;
}
