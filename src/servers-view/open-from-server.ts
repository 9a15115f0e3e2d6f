/** "Go Profiler: Open from Server…": server → range → service → type → label matchers → the merged profile. */
import * as vscode from 'vscode';
import type { LabelMatcher } from '../servers/label-selector';
import type { ServerConfig } from '../servers/server-config';
import { SERVICE_LABEL, queryFromMatchers } from '../servers/server-query';
import { pickMatchers, pickRange, pickServer, pickType, pickValue, rangeOf } from './server-pickers';
import type { OpenedServerProfile, ServerProfiles } from './server-profiles';
import { serverMaxNodes } from './server-settings';

export async function openFromServer(
  profiles: ServerProfiles,
  servers: readonly ServerConfig[],
  chosen?: ServerConfig,
): Promise<OpenedServerProfile | undefined> {
  const server = chosen ?? (await pickServer(servers));
  if (!server) return undefined;
  const title = `Open from ${server.name}`;
  const spec = await pickRange(title);
  if (!spec) return undefined;
  const range = rangeOf(spec);
  const lists = await profiles.withServer(server, async (client) => {
    const [services, types] = await Promise.all([client.labelValues(SERVICE_LABEL, '{}', range), client.profileTypes(range)]);
    return { client, services, types };
  });
  if (!lists) return undefined;
  const service = await pickValue(lists.services, title, lists.services.length ? 'Service (service_name)' : 'No services in that range; type a service_name');
  if (!service) return undefined;
  const type = await pickType(lists.types, server, `${title}: ${service}`);
  if (!type) return undefined;
  const first: LabelMatcher[] = [{ name: SERVICE_LABEL, op: '=', value: service }];
  const matchers = await profiles.withServer(server, () => pickMatchers(lists.client, first, range, `${title}: ${service} · ${type.label}`));
  if (!matchers) return undefined;
  const maxNodes = serverMaxNodes();
  const query = queryFromMatchers({ server, profileType: type.id, range, ...(maxNodes ? { maxNodes } : {}) }, matchers);
  return profiles.pullAndOpen(query, spec);
}

/** Opens the base pulled for a comparison as the base of `current`'s diff views. */
export async function compareWithBase(profiles: ServerProfiles, current: OpenedServerProfile, base: OpenedServerProfile | undefined, compareCommand: string): Promise<void> {
  if (!base) return;
  await profiles.open(current);
  await vscode.commands.executeCommand(compareCommand, vscode.Uri.file(base.path));
}
