/**
 * The servers a user profiles against (setting `goProfiler.servers`): a name, a kind, a base
 * URL and, for Pyroscope, a tenant (`X-Scope-OrgID`). Credentials are never part of it: they
 * live in SecretStorage (see credentials.ts). Pure.
 */

export const SERVER_KINDS = ['pyroscope', 'parca'] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];

export interface ServerConfig {
  readonly name: string;
  readonly kind: ServerKind;
  /** Base URL, without a trailing slash. */
  readonly url: string;
  /** Pyroscope's tenant, sent as X-Scope-OrgID. */
  readonly tenant?: string;
}

/** The one-line problem with a base URL, or undefined when it is a usable http(s) URL. */
export function urlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a URL`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `"${url}" must start with http:// or https://`;
  if (parsed.username || parsed.password) return `"${url}" must not hold credentials (they go in the credential store)`;
  return undefined;
}

export interface ParsedServers {
  readonly servers: readonly ServerConfig[];
  /** One line per entry left out, naming it and why. */
  readonly problems: readonly string[];
}

/** Reads the setting's value; bad entries are left out with a problem naming them. */
export function parseServers(value: unknown): ParsedServers {
  if (value === undefined || value === null) return { servers: [], problems: [] };
  if (!Array.isArray(value)) return { servers: [], problems: ['goProfiler.servers must be a list of servers'] };
  const servers: ServerConfig[] = [];
  const problems: string[] = [];
  value.forEach((entry: unknown, i) => {
    const where = `goProfiler.servers[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`${where} must be an object with name, kind and url`);
      return;
    }
    const e = entry as Record<string, unknown>;
    const name = typeof e.name === 'string' ? e.name.trim() : '';
    const label = name ? `${where} ("${name}")` : where;
    const kind = SERVER_KINDS.find((k) => k === e.kind);
    const url = typeof e.url === 'string' ? e.url.trim().replace(/\/+$/, '') : '';
    const tenant = typeof e.tenant === 'string' && e.tenant.trim() !== '' ? e.tenant.trim() : undefined;
    const problem = !name
      ? 'has no name'
      : !kind
        ? `kind must be ${SERVER_KINDS.join(' or ')}`
        : e.tenant !== undefined && typeof e.tenant !== 'string'
          ? 'tenant must be a string'
          : servers.some((s) => s.name === name)
            ? 'has the name of an earlier server'
            : urlProblem(url);
    if (problem !== undefined || !kind) {
      problems.push(`${label}: ${problem}`);
      return;
    }
    servers.push({ name, kind, url, ...(tenant !== undefined ? { tenant } : {}) });
  });
  return { servers, problems };
}
