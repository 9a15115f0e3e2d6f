/**
 * What went wrong talking to a server, in one line that names the server. The reason lets the
 * UI act (ask for credentials again on 'unauthenticated' and 'forbidden'). Pure.
 */
import type { ServerConfig } from './server-config';

export type ServerErrorReason =
  | 'unauthenticated'
  | 'forbidden'
  | 'unreachable'
  | 'tls'
  | 'not-found'
  | 'bad-query'
  | 'empty'
  | 'cancelled'
  | 'server';

export class ServerError extends Error {
  override readonly name = 'ServerError';
  constructor(
    readonly reason: ServerErrorReason,
    message: string,
  ) {
    super(message);
  }
}

/** `checkout-prod (https://…)`: how every message names the server. */
export function serverLabel(server: ServerConfig): string {
  return `${server.name} (${server.url})`;
}
