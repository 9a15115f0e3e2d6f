/**
 * Typed request/response over any one-way message channel (webview postMessage, worker
 * threads). A method map `{ name: { params; result } }` types both ends; the generic client
 * below is the only place a response's result meets its method's type.
 */

export interface MethodSpec {
  readonly params: unknown;
  readonly result: unknown;
}

/** Constraint for method maps; works with interfaces (no index signature needed). */
export type MethodMap<M> = { readonly [K in keyof M]: MethodSpec };

export type MethodName<M> = keyof M & string;
export type ParamsOf<M, K extends keyof M> = M[K] extends MethodSpec ? M[K]['params'] : never;
export type ResultOf<M, K extends keyof M> = M[K] extends MethodSpec ? M[K]['result'] : never;

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

  constructor(private readonly send: (request: RequestOf<M>) => void) {}

  request<K extends MethodName<M>>(method: K, params: ParamsOf<M, K>): Promise<ResultOf<M, K>> {
    if (this.closedReason !== undefined) {
      return Promise.reject(new ChannelClosedError(this.closedReason));
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

export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
