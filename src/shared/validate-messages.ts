/**
 * The check of every message the host receives from a profile webview (a trust boundary: the
 * page shows strings from the profile). Returns the typed message, or undefined when malformed.
 * What the decode worker sends is the extension's own output and is trusted by its type.
 */
import { isIndex, isOwnKey, isRecord, isStringArray, type UnknownRecord } from './guards';
import { viewMethods, type WebviewToHost } from './protocol';
import { parseRequest } from './rpc';
import { parseWebviewState } from './webview-state';

type Kind = WebviewToHost['kind'];
type MessageOf<K extends Kind> = Extract<WebviewToHost, { readonly kind: K }>;

/** One parser per message kind (the mapped type makes the table complete). */
const parsers: { readonly [K in Kind]: (value: UnknownRecord) => MessageOf<K> | undefined } = {
  ready: () => ({ kind: 'ready' }),
  request: (value) => (isIndex(value.id) ? parseRequest(viewMethods, value.id, value.method, value.params) : undefined),
  openSource: ({ file, line, functionName }) => {
    if (typeof file !== 'string' || !isIndex(line)) return undefined;
    if (functionName !== undefined && typeof functionName !== 'string') return undefined;
    return { kind: 'openSource', file, line, ...(functionName !== undefined ? { functionName } : {}) };
  },
  saveImage: ({ format, data }) => ((format === 'png' || format === 'svg') && typeof data === 'string' ? { kind: 'saveImage', format, data } : undefined),
  compareWith: () => ({ kind: 'compareWith' }),
  stopComparing: () => ({ kind: 'stopComparing' }),
  flameZoom: ({ path }) => (isStringArray(path) ? { kind: 'flameZoom', path } : undefined),
  cspViolation: parseCspViolation,
  viewState: ({ state }) => (isRecord(state) ? { kind: 'viewState', state: parseWebviewState(state) } : undefined),
  saveView: () => ({ kind: 'saveView' }),
  viewApplied: ({ name, notApplied }) => (typeof name === 'string' && isStringArray(notApplied) ? { kind: 'viewApplied', name, notApplied } : undefined),
};

export function parseWebviewToHost(value: unknown): WebviewToHost | undefined {
  if (!isRecord(value) || !isOwnKey(parsers, value.kind)) return undefined;
  return parsers[value.kind](value);
}

/** Longest directive, URI or sample kept from a report (the rest is cut, marked with …). */
export const CSP_REPORT_FIELD_LIMIT = 300;

function clip(text: string): string {
  return text.length > CSP_REPORT_FIELD_LIMIT ? `${text.slice(0, CSP_REPORT_FIELD_LIMIT)}…` : text;
}

function parseCspViolation(value: UnknownRecord): MessageOf<'cspViolation'> | undefined {
  const { directive, blockedUri, sample } = value;
  if (typeof directive !== 'string' || typeof blockedUri !== 'string' || typeof sample !== 'string') return undefined;
  return { kind: 'cspViolation', directive: clip(directive), blockedUri: clip(blockedUri), sample: clip(sample) };
}
