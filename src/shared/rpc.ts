/**
 * Typed request/response over any one-way message channel (webview postMessage, worker
 * threads). A method map `{ name: { params; result } }` types both ends; the generic client,
 * request parser and answering functions below are the only places where a message's method
 * meets its params' and result's types (TS cannot follow that pairing through a lookup).
 */
import { isOwnKey } from './guards';

export interface MethodSpec {
  readonly params: unknown;
  readonly result: unknown;
}

/** Constraint for method maps; works with interfaces (no index signature needed). */
export type MethodMap<M> = { readonly [K in keyof M]: MethodSpec };

export type MethodName<M> = keyof M & string;
export type ParamsOf<M, K extends keyof M> = M[K] extends MethodSpec ? M[K]['params'] : never;
export type ResultOf<M, K extends keyof M> = M[K] extends MethodSpec ? M[K]['result'] : never;

/**
 * A method whose params cross a trust boundary: `parseParams` checks them (returns undefined
 * when malformed); `result` is never set, it only carries the result type into the method map.
 */
export interface CheckedMethod<P, R> {
  readonly parseParams: (value: unknown) => P | undefined;
  readonly result?: R;
}

export function checkedMethod<P, R>(parseParams: (value: unknown) => P | undefined): CheckedMethod<P, R> {
  return { parseParams };
}

/** The method map `{ name: { params; result } }` of a table of checked methods. */
export type MethodsOf<T> = {
  readonly [K in keyof T]: T[K] extends CheckedMethod<infer P, infer R> ? { readonly params: P; readonly result: R } : never;
};

/** One handler per method of M, each typed by its method (a mapped table: no switch to keep complete). */
export type HandlerTable<M> = { readonly [K in MethodName<M>]: (params: ParamsOf<M, K>) => ResultOf<M, K> };

/** A request for one method of M, discriminated by `method`. */
export type RequestOf<M> = {
  [K in MethodName<M>]: { readonly kind: 'request'; readonly id: number; readonly method: K; readonly params: ParamsOf<M, K> };
}[MethodName<M>];

export interface FailedResponse {
  readonly kind: 'response';
  readonly id: number;
  readonly ok: false;
  readonly error: string;
}

/** A response to a method of M, discriminated by `method` when ok. */
export type ResponseOf<M> =
  | {
      [K in MethodName<M>]: {
        readonly kind: 'response';
        readonly id: number;
        readonly ok: true;
        readonly method: K;
        readonly result: ResultOf<M, K>;
      };
    }[MethodName<M>]
  | FailedResponse;

/** Thrown by `RpcClient.request` when the other end answered with an error. */
export class RemoteError extends Error {
  override readonly name = 'RemoteError';
}

/** Thrown for requests still pending when the client is disposed. */
export class ChannelClosedError extends Error {
  override readonly name = 'ChannelClosedError';
}

interface Pending {
  readonly method: string;
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: Error) => void;
}

export class RpcClient<M extends MethodMap<M>> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closedReason: string | undefined;
  /** Answers sent ahead of their requests, by method and params (each taken once). */
  private readonly seeded = new Map<string, unknown>();

  constructor(private readonly send: (request: RequestOf<M>) => void) {}

  /** Keeps `result` as the answer to the next request of `method` with exactly `params`. */
  seed<K extends MethodName<M>>(method: K, params: ParamsOf<M, K>, result: ResultOf<M, K>): void {
    this.seeded.set(JSON.stringify([method, params]), result);
  }

  /** Forgets the answers sent ahead (another profile, or the same one reloaded). */
  clearSeeds(): void {
    this.seeded.clear();
  }

  request<K extends MethodName<M>>(method: K, params: ParamsOf<M, K>): Promise<ResultOf<M, K>> {
    if (this.closedReason !== undefined) {
      return Promise.reject(new ChannelClosedError(this.closedReason));
    }
    // Keyed only when answers were seeded: params can hold a whole profile's bytes (`open`).
    const key = this.seeded.size > 0 ? JSON.stringify([method, params]) : undefined;
    if (key !== undefined && this.seeded.has(key)) {
      // Seeded under the key of this method and params: the answer has this method's type.
      const result = this.seeded.get(key) as ResultOf<M, K>;
      this.seeded.delete(key);
      return Promise.resolve(result);
    }
    const id = this.nextId++;
    return new Promise<ResultOf<M, K>>((resolve, reject) => {
      // The response for this id is checked against `method` in `handleResponse`.
      this.pending.set(id, { method, resolve: resolve as (result: unknown) => void, reject });
      const request = { kind: 'request', id, method, params } as RequestOf<M>;
      try {
        this.send(request);
      } catch (err) {
        this.pending.delete(id);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  /** Settles the matching pending request; returns false for unknown ids or a method mismatch. */
  handleResponse(response: ResponseOf<M>): boolean {
    const pending = this.pending.get(response.id);
    if (!pending) return false;
    this.pending.delete(response.id);
    if (!response.ok) {
      pending.reject(new RemoteError(response.error));
      return true;
    }
    if (response.method !== pending.method) {
      pending.reject(new RemoteError(`response for "${response.method}" answered a "${pending.method}" request`));
      return false;
    }
    pending.resolve(response.result);
    return true;
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /** Rejects every pending request and refuses new ones. */
  dispose(reason = 'channel closed'): void {
    this.rejectAll(reason);
    this.closedReason = reason;
  }

  /** Rejects every pending request but keeps the client usable (e.g. a worker restarted). */
  rejectAll(reason: string): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(new ChannelClosedError(reason));
  }
}

/**
 * A request whose method is in `table` and whose params pass that method's parser, else undefined.
 * For messages from an untrusted side (the webview).
 */
export function parseRequest<T>(table: T & { readonly [K in keyof T]: CheckedMethod<unknown, unknown> }, id: number, method: unknown, params: unknown): RequestOf<MethodsOf<T>> | undefined {
  if (!isOwnKey(table, method)) return undefined;
  const parsed = table[method].parseParams(params);
  // The parser is the method's own, so method and params pair up as RequestOf says.
  return parsed === undefined ? undefined : ({ kind: 'request', id, method, params: parsed } as RequestOf<MethodsOf<T>>);
}

/**
 * Answers `request` with its method's handler in `table`: the result as an ok response of the
 * same method and id, a thrown error as a failed response worded by `describe`.
 */
export function answerRequest<M>(table: HandlerTable<M>, request: RequestOf<M>, describe: (error: unknown) => string): ResponseOf<M> {
  const { id, method } = request;
  if (!isOwnKey(table, method)) return { kind: 'response', id, ok: false, error: `unknown method ${JSON.stringify(method)}` };
  try {
    // TS cannot follow a union request's method to its handler's params and result; HandlerTable pairs them.
    const handler = table[method] as (params: unknown) => unknown;
    return { kind: 'response', id, ok: true, method, result: handler(request.params) } as ResponseOf<M>;
  } catch (error) {
    return { kind: 'response', id, ok: false, error: describe(error) };
  }
}

/**
 * Answers `request` by sending it on to another channel whose methods include M's with the
 * same types (`send`), as a response with the request's own id.
 */
export async function forwardRequest<M>(
  request: RequestOf<M>,
  send: <K extends MethodName<M>>(method: K, params: ParamsOf<M, K>) => Promise<ResultOf<M, K>>,
  describe: (error: unknown) => string,
): Promise<ResponseOf<M>> {
  const { id, method } = request;
  try {
    const result = await send(method, request.params);
    // The other channel answered this method (RpcClient checks that), with M's result type.
    return { kind: 'response', id, ok: true, method, result } as ResponseOf<M>;
  } catch (error) {
    return { kind: 'response', id, ok: false, error: describe(error) };
  }
}

export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
