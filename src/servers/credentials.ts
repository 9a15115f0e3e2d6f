/**
 * Credentials for a server: a bearer token or basic auth. Kept in VS Code's SecretStorage (or
 * given to the CLI by flag or environment), never in settings, files or logs. Pure.
 */

export type Credentials =
  | { readonly kind: 'bearer'; readonly token: string }
  | { readonly kind: 'basic'; readonly user: string; readonly password: string };

/** The Authorization header value for `credentials`. */
export function authorization(credentials: Credentials): string {
  if (credentials.kind === 'bearer') return `Bearer ${credentials.token}`;
  return `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`, 'utf8').toString('base64')}`;
}

/** Stored form (JSON) and back; undefined for anything that is not one of the two shapes. */
export function credentialsToText(credentials: Credentials): string {
  return JSON.stringify(credentials);
}

export function credentialsFromText(text: string | undefined): Credentials | undefined {
  if (!text) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  if (o.kind === 'bearer' && typeof o.token === 'string' && o.token) return { kind: 'bearer', token: o.token };
  if (o.kind === 'basic' && typeof o.user === 'string' && typeof o.password === 'string') {
    return { kind: 'basic', user: o.user, password: o.password };
  }
  return undefined;
}
