/** Talks to the injected agent over loopback HTTP with its token. */
import { request } from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';
import { HEADER_BASE_LENGTH, ROUTES, type AgentAddress } from './agent-protocol';
import type { CaptureRequest, CaptureResult, CaptureSource } from './capture-kinds';
import { DEFAULT_WINDOW_SECONDS } from './capture-kinds';
import { CaptureError } from './errors';
import { subtractProfiles } from './profile-delta';

export interface AgentResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/** How long a request may go unanswered beyond its recording window, by default. */
export const ANSWER_TIMEOUT_MS = 30_000;

export class AgentClient implements CaptureSource {
  constructor(
    readonly address: AgentAddress,
    private readonly token: string,
    private readonly answerTimeoutMs = ANSWER_TIMEOUT_MS,
  ) {}

  /** One request; rejects with CaptureError ('agent-timeout', 'unreachable') or resolves with any status. */
  send(method: 'GET' | 'POST', path: string, options: { windowMs?: number; signal?: AbortSignal; token?: string } = {}): Promise<AgentResponse> {
    const [host, port] = splitAddress(this.address.address);
    const token = options.token ?? this.token;
    const timeoutMs = (options.windowMs ?? 0) + this.answerTimeoutMs;
    return new Promise((resolve, reject) => {
      const req = request(
        { host, port, method, path, agent: false, headers: token ? { Authorization: `Bearer ${token}` } : {}, signal: options.signal },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (e) => reject(new CaptureError('unreachable', `agent connection failed: ${e.message}`)));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        },
      );
      req.setTimeout(timeoutMs, () => {
        req.destroy();
        reject(new CaptureError('agent-timeout', `the agent did not answer within ${timeoutMs / 1000} s`));
      });
      req.on('error', (e) => {
        if (options.signal?.aborted) reject(new CaptureError('bad-request', 'capture cancelled'));
        else reject(new CaptureError('unreachable', `agent connection failed: ${e.message}`));
      });
      req.end();
    });
  }

  private async ok(what: string, method: 'GET' | 'POST', path: string, options: { windowMs?: number; signal?: AbortSignal } = {}): Promise<AgentResponse> {
    const res = await this.send(method, path, options);
    if (res.status >= 200 && res.status < 300) return res;
    const reason = res.body.toString('utf8').trim() || `HTTP ${res.status}`;
    const failure = res.status === 409 ? 'busy' : res.status === 403 ? 'forbidden' : res.status === 400 ? 'bad-request' : 'agent-error';
    throw new CaptureError(failure, `${what}: ${reason}`);
  }

  startCpu(): Promise<AgentResponse> {
    return this.ok('CPU start', 'POST', ROUTES.cpuStart);
  }

  async stopCpu(): Promise<Buffer> {
    return (await this.ok('CPU stop', 'POST', ROUTES.cpuStop)).body;
  }

  async capture(req: CaptureRequest, signal?: AbortSignal): Promise<CaptureResult> {
    const startedAt = new Date();
    const done = (profile: Uint8Array, extra: { text?: string; seconds?: number } = {}): CaptureResult => ({
      kind: req.kind,
      profile,
      startedAt,
      endedAt: new Date(),
      ...extra,
    });
    const seconds = req.seconds ?? DEFAULT_WINDOW_SECONDS;
    switch (req.kind) {
      case 'cpu': {
        await this.startCpu();
        await sleep(seconds * 1000, signal);
        return done(await this.stopCpu(), { seconds });
      }
      case 'heap':
      case 'heap-nogc': {
        const gc = req.kind === 'heap' ? '1' : '0';
        return done((await this.ok('heap', 'GET', `${ROUTES.heap}?gc=${gc}`)).body);
      }
      case 'allocs':
        return done((await this.ok('allocs', 'GET', ROUTES.allocs)).body);
      case 'threadcreate':
        return done((await this.ok('threadcreate', 'GET', ROUTES.threadcreate)).body);
      case 'goroutine': {
        const profile = (await this.ok('goroutine', 'GET', `${ROUTES.goroutine}?debug=0`)).body;
        const text = (await this.ok('goroutine dump', 'GET', `${ROUTES.goroutine}?debug=2`)).body.toString('utf8');
        return done(profile, { text });
      }
      case 'block':
      case 'mutex': {
        const route = req.kind === 'block' ? ROUTES.block : ROUTES.mutex;
        const res = await this.ok(req.kind, 'GET', `${route}?seconds=${seconds}`, { windowMs: seconds * 1000, signal });
        return done(splitAndSubtract(req.kind, res), { seconds });
      }
    }
  }
}

/** The agent answers block/mutex with baseline + end snapshots; returns gzip(end - baseline). */
function splitAndSubtract(kind: string, res: AgentResponse): Buffer {
  const header = res.headers[HEADER_BASE_LENGTH.toLowerCase()];
  const baseLength = Number(Array.isArray(header) ? header[0] : header);
  if (!Number.isInteger(baseLength) || baseLength < 0 || baseLength > res.body.length) {
    throw new CaptureError('agent-error', `${kind}: the agent's answer lacks a valid ${HEADER_BASE_LENGTH} header`);
  }
  const base = gunzipSync(res.body.subarray(0, baseLength));
  const end = gunzipSync(res.body.subarray(baseLength));
  return gzipSync(subtractProfiles(base, end));
}

function splitAddress(address: string): [string, number] {
  const colon = address.lastIndexOf(':');
  return [address.slice(0, colon), Number(address.slice(colon + 1))];
}

/** Waits `ms`; resolves early (without error) when `signal` aborts, to stop a window early. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
