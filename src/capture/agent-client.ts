/** Talks to the injected agent over loopback HTTP with its token. */
import { request } from 'node:http';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { NO_FOOTPRINT, type AgentFootprint } from './agent-footprint';
import { HEADER_BASE_LENGTH, ROUTES, type AgentAddress } from './agent-protocol';
import type { CaptureRequest, CaptureResult, CaptureSource } from './capture-kinds';
import { DEFAULT_WINDOW_SECONDS } from './capture-kinds';
import { CaptureError } from './errors';
import { subtractProfiles } from './profile-delta';
import { stripAgent } from './strip-agent';
import { stripAgentDump } from './strip-agent-dump';

export interface AgentResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/** How long a request may go unanswered beyond its recording window, by default. */
export const ANSWER_TIMEOUT_MS = 30_000;

export class AgentClient implements CaptureSource {
  private cpuSince: Date | undefined;
  private traceSince: Date | undefined;
  private cpuProfilerUsed: boolean;

  /** `footprint` says what in this program's profiles is the agent's; every capture leaves it out. */
  constructor(
    readonly address: AgentAddress,
    private readonly token: string,
    private readonly answerTimeoutMs = ANSWER_TIMEOUT_MS,
    private readonly footprint: AgentFootprint = NO_FOOTPRINT,
  ) {
    this.cpuProfilerUsed = footprint.cpuProfilerUsed;
  }

  /** When the CPU recording started through this client began, while it runs. */
  get cpuRecordingSince(): Date | undefined {
    return this.cpuSince;
  }

  /** When the open-ended execution trace started through this client began, while it runs. */
  get traceRecordingSince(): Date | undefined {
    return this.traceSince;
  }

  /** The footprint as it stands (the CPU profiler's writer counts once the agent has run it). */
  currentFootprint(): AgentFootprint {
    return { ...this.footprint, cpuProfilerUsed: this.cpuProfilerUsed };
  }

  /** A gzipped profile of this program without the agent's samples. */
  withoutAgent(profile: Uint8Array): Buffer {
    return gzipWithoutAgent(profile, this.currentFootprint());
  }

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

  async startCpu(): Promise<AgentResponse> {
    const res = await this.ok('CPU start', 'POST', ROUTES.cpuStart);
    this.cpuSince = new Date();
    this.cpuProfilerUsed = true;
    return res;
  }

  async stopCpu(): Promise<Buffer> {
    const profile = (await this.ok('CPU stop', 'POST', ROUTES.cpuStop)).body;
    this.cpuSince = undefined;
    return this.withoutAgent(profile);
  }

  /** Starts an open-ended execution trace (Start Trace); 'busy' if a trace already runs. */
  async startTrace(): Promise<void> {
    await this.ok('trace start', 'POST', ROUTES.traceStart);
    this.traceSince = new Date();
  }

  /** Stops it and returns the trace as the runtime wrote it. */
  async stopTrace(): Promise<Buffer> {
    const trace = (await this.ok('trace stop', 'POST', ROUTES.traceStop)).body;
    this.traceSince = undefined;
    return trace;
  }

  /**
   * The flight recorder (Go 1.25+): 'start' keeps the last `seconds` of execution trace,
   * 'snapshot' answers with them (a CaptureResult of kind 'trace'), 'stop' ends it.
   */
  async flight(action: 'start' | 'stop', seconds?: number): Promise<void>;
  async flight(action: 'snapshot'): Promise<CaptureResult>;
  async flight(action: 'start' | 'stop' | 'snapshot', seconds?: number): Promise<CaptureResult | void> {
    const startedAt = new Date();
    if (action === 'snapshot') {
      const res = await this.ok('flight recorder snapshot', 'GET', `${ROUTES.flight}?action=snapshot`);
      return { kind: 'trace', profile: res.body, startedAt, endedAt: new Date() };
    }
    const query = action === 'start' ? `action=start&seconds=${seconds ?? DEFAULT_WINDOW_SECONDS}` : 'action=stop';
    await this.ok(`flight recorder ${action}`, 'POST', `${ROUTES.flight}?${query}`);
  }

  /** Asks the agent to write what it is recording, as it does when the program ends (before a stop from outside). */
  async finish(): Promise<void> {
    await this.ok('finish', 'POST', ROUTES.finish);
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
    const clean = (res: AgentResponse): Buffer => this.withoutAgent(res.body);
    switch (req.kind) {
      case 'cpu': {
        await this.startCpu();
        await sleep(seconds * 1000, signal);
        return done(await this.stopCpu(), { seconds });
      }
      case 'heap':
      case 'heap-nogc': {
        const gc = req.kind === 'heap' ? '1' : '0';
        return done(clean(await this.ok('heap', 'GET', `${ROUTES.heap}?gc=${gc}`)));
      }
      case 'allocs':
        return done(clean(await this.ok('allocs', 'GET', ROUTES.allocs)));
      case 'threadcreate':
        return done(clean(await this.ok('threadcreate', 'GET', ROUTES.threadcreate)));
      case 'goroutine': {
        const profile = clean(await this.ok('goroutine', 'GET', `${ROUTES.goroutine}?debug=0`));
        const dump = (await this.ok('goroutine dump', 'GET', `${ROUTES.goroutine}?debug=2`)).body.toString('utf8');
        return done(profile, { text: stripAgentDump(dump, this.currentFootprint()) });
      }
      case 'trace': {
        // An execution trace, not a profile: kept as the runtime wrote it.
        const res = await this.ok('trace', 'GET', `${ROUTES.trace}?seconds=${seconds}`, { windowMs: seconds * 1000, signal });
        return done(res.body, { seconds });
      }
      case 'block':
      case 'mutex': {
        const route = req.kind === 'block' ? ROUTES.block : ROUTES.mutex;
        const res = await this.ok(req.kind, 'GET', `${route}?seconds=${seconds}`, { windowMs: seconds * 1000, signal });
        const delta = splitAndSubtract(req.kind, res);
        return done(gzipSync(stripAgent(delta, this.currentFootprint()), { level: constants.Z_BEST_SPEED }), { seconds });
      }
    }
  }
}

/** A gzipped profile without the agent's samples (the same bytes if it had none). */
export function gzipWithoutAgent(profile: Uint8Array, footprint: AgentFootprint): Buffer {
  const raw = gunzipSync(profile);
  const stripped = stripAgent(raw, footprint);
  if (stripped === raw) return Buffer.from(profile.buffer, profile.byteOffset, profile.byteLength);
  return gzipSync(stripped, { level: constants.Z_BEST_SPEED });
}

/** The agent answers block/mutex with baseline + end snapshots; returns end - baseline (uncompressed). */
function splitAndSubtract(kind: string, res: AgentResponse): Uint8Array {
  const header = res.headers[HEADER_BASE_LENGTH.toLowerCase()];
  const baseLength = Number(Array.isArray(header) ? header[0] : header);
  if (!Number.isInteger(baseLength) || baseLength < 0 || baseLength > res.body.length) {
    throw new CaptureError('agent-error', `${kind}: the agent's answer lacks a valid ${HEADER_BASE_LENGTH} header`);
  }
  const base = gunzipSync(res.body.subarray(0, baseLength));
  const end = gunzipSync(res.body.subarray(baseLength));
  return subtractProfiles(base, end);
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
