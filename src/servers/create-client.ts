/** The client for a configured server, by its kind. */
import type { Credentials } from './credentials';
import { ParcaClient } from './parca-client';
import { PyroscopeClient } from './pyroscope-client';
import type { ServerClient } from './server-client';
import type { ServerConfig } from './server-config';

export function createServerClient(server: ServerConfig, credentials: Credentials | undefined): ServerClient {
  return server.kind === 'pyroscope' ? new PyroscopeClient(server, credentials) : new ParcaClient(server, credentials);
}
