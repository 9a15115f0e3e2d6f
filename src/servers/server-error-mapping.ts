/**
 * Any failure of a call to a server as a ServerError naming it: Node's network and TLS errors,
 * Connect and gRPC-web statuses. Apart from server-errors.ts because it needs the RPC packages,
 * which the extension loads only when a server is used (scripts/build.mjs: the vendor bundle).
 */
import { Code, ConnectError } from '@connectrpc/connect';
import type { ServerConfig } from './server-config';
import { ServerError, serverLabel } from './server-errors';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT']);

/** Every `code` string along an error's cause chain (Node's network and TLS errors have one). */
function causeCodes(error: unknown): string[] {
  return causeChain(error)
    .map((e) => (e as { code?: unknown }).code)
    .filter((code): code is string => typeof code === 'string');
}

/** `error` and its causes, outermost first (at most 8: a cycle must not hang). */
export function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e: unknown = error; e && chain.length < 8; e = (e as { cause?: unknown }).cause) chain.push(e);
  return chain;
}

/**
 * The status of a failed call: a ConnectError's code, or a gRPC-web RpcError's status name
 * (`PERMISSION_DENIED` is Connect's `PermissionDenied`).
 */
function statusOf(error: unknown): { code: Code; detail: string } | undefined {
  if (error instanceof ConnectError) return { code: error.code, detail: error.rawMessage || Code[error.code] };
  if (error instanceof Error && error.name === 'RpcError' && typeof (error as { code?: unknown }).code === 'string') {
    const name = (error as unknown as { code: string }).code
      .toLowerCase()
      .replace(/(^|_)([a-z])/g, (_, _sep: string, c: string) => c.toUpperCase());
    const code = (Code as unknown as Record<string, Code | undefined>)[name];
    if (code !== undefined) return { code, detail: error.message || name };
  }
  return undefined;
}

function isTlsCode(code: string): boolean {
  return /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL)/.test(code) || code.includes('CERT');
}

/** A ServerError naming `server` for any failure of a call to it. */
export function toServerError(server: ServerConfig, error: unknown): ServerError {
  if (error instanceof ServerError) return error;
  const who = serverLabel(server);
  const codes = causeCodes(error);
  const tls = codes.find(isTlsCode);
  if (tls) return new ServerError('tls', `${who}: TLS failed (${tls}); check the URL and the server's certificate`);
  const network = codes.find((c) => NETWORK_CODES.has(c));
  if (network) return new ServerError('unreachable', `${who}: unreachable (${network})`);
  const status = statusOf(error);
  if (!status) {
    const text = error instanceof Error ? error.message : String(error);
    return new ServerError('server', `${who}: ${text}`);
  }
  const detail = status.detail;
  switch (status.code) {
    case Code.Unauthenticated:
      return new ServerError('unauthenticated', `${who}: authentication failed (401: ${detail}); set the server's credentials`);
    case Code.PermissionDenied:
      return new ServerError('forbidden', `${who}: access denied (403: ${detail}); check the credentials and the tenant`);
    case Code.Canceled:
      return new ServerError('cancelled', `${who}: cancelled`);
    case Code.InvalidArgument:
      return new ServerError('bad-query', `${who}: the server refused the query: ${detail}`);
    case Code.NotFound:
    case Code.Unimplemented:
      return new ServerError('not-found', `${who}: no such API here (${detail}); is the URL the server's base URL, and the kind right?`);
    case Code.Unavailable:
    case Code.DeadlineExceeded:
      return new ServerError('unreachable', `${who}: unreachable (${detail})`);
    default:
      return new ServerError('server', `${who}: ${detail}`);
  }
}

/** Runs a call to `server`; any failure comes out as a ServerError naming it. */
export async function callNaming<T>(server: ServerConfig, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw toServerError(server, e);
  }
}
