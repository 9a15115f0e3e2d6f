/** Captures from any service that serves net/http/pprof (attach to a URL). */
import { DEFAULT_WINDOW_SECONDS, TIMED_KINDS, type CaptureKind, type CaptureRequest, type CaptureResult, type CaptureSource } from './capture-kinds';
import { CaptureError } from './errors';

const ANSWER_TIMEOUT_MS = 30_000;

/**
 * The pprof index URL for what a user typed: "host:port", "http://host:port",
 * ".../debug/pprof/". A URL whose path already mentions pprof is kept as is. Pure.
 */
export function pprofBaseUrl(input: string): string {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(input.trim()) ? input.trim() : `http://${input.trim()}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CaptureError('bad-request', `"${input}" is not a URL; expected e.g. http://127.0.0.1:6060/debug/pprof/`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CaptureError('bad-request', `"${input}": only http and https URLs can be attached to`);
  }
  let path = url.pathname.replace(/\/+$/, '');
  if (!path.includes('pprof')) path += '/debug/pprof';
  url.pathname = path;
  url.search = '';
  url.hash = '';
  return url.toString();
}

/** Path and query of each capture under the pprof index (net/http/pprof takes whole seconds). Pure. */
export function attachPath(kind: CaptureKind, windowSeconds: number): string {
  const seconds = Math.max(1, Math.ceil(windowSeconds));
  switch (kind) {
    case 'cpu':
      return `/profile?seconds=${seconds}`;
    case 'heap':
      return '/heap?gc=1';
    case 'heap-nogc':
      return '/heap';
    case 'block':
    case 'mutex':
    case 'trace':
      return `/${kind}?seconds=${seconds}`;
    default:
      return `/${kind}`;
  }
}

export class AttachClient implements CaptureSource {
  readonly baseUrl: string;

  constructor(url: string) {
    this.baseUrl = pprofBaseUrl(url);
  }

  private async get(what: string, path: string, windowSeconds: number, signal?: AbortSignal): Promise<Buffer> {
    const timeout = AbortSignal.timeout(windowSeconds * 1000 + ANSWER_TIMEOUT_MS);
    const url = this.baseUrl + path;
    let res: Response;
    try {
      res = await fetch(url, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    } catch (e) {
      if (timeout.aborted) throw new CaptureError('agent-timeout', `${url} did not answer within ${windowSeconds + ANSWER_TIMEOUT_MS / 1000} s`);
      if (signal?.aborted) throw new CaptureError('bad-request', `${what} capture cancelled`);
      const cause = (e as { cause?: { message?: string } }).cause?.message ?? (e as Error).message;
      throw new CaptureError('unreachable', `cannot reach ${url}: ${cause}`);
    }
    const body = Buffer.from(await res.arrayBuffer());
    if (!res.ok) {
      const reason = body.toString('utf8').trim().split('\n')[0] || res.statusText;
      const failure = /already in use/i.test(reason) ? 'busy' : res.status === 404 ? 'bad-request' : 'agent-error';
      throw new CaptureError(failure, `${what} from ${url}: HTTP ${res.status}: ${reason}`);
    }
    return body;
  }

  async capture(req: CaptureRequest, signal?: AbortSignal): Promise<CaptureResult> {
    const startedAt = new Date();
    const timed = TIMED_KINDS.has(req.kind);
    const seconds = timed ? (req.seconds ?? DEFAULT_WINDOW_SECONDS) : 0;
    const profile = await this.get(req.kind, attachPath(req.kind, seconds), seconds, signal);
    const text = req.kind === 'goroutine' ? (await this.get('goroutine dump', '/goroutine?debug=2', 0, signal)).toString('utf8') : undefined;
    return {
      kind: req.kind,
      profile,
      startedAt,
      endedAt: new Date(),
      ...(timed ? { seconds } : {}),
      ...(text !== undefined ? { text } : {}),
    };
  }
}
