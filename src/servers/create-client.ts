/**
 * The client for a configured server, by its kind. Each client's code (its protocol runtime
 * and the generated messages, a few hundred kB) is loaded on first use, not when the
 * extension or the CLI starts.
 */
import type { Credentials } from './credentials';
import type { ServerClient } from './server-client';
import type { ServerConfig } from './server-config';

export async function createServerClient(server: ServerConfig, credentials: Credentials | undefined): Promise<ServerClient> {
  if (server.kind === 'pyroscope') {
    const { PyroscopeClient } = await import('./pyroscope-client');
    return new PyroscopeClient(server, credentials);
  }
  const { ParcaClient } = await import('./parca-client');
  return new ParcaClient(server, credentials);
}
