/**
 * The flame graph's first answers, asked of the worker as soon as a profile is decoded, before
 * the webview asks: the coarse tree (`flame`), then the whole tree's first part (`flameWhole`).
 * The webview's identical requests take these answers (each once): the coarse tree is ready
 * when the webview starts, and the worker builds the whole tree meanwhile instead of after
 * the first paint, without the webview's `flame` request waiting behind that build.
 */
import type { MethodName, ParamsOf, ResultOf } from '../shared/rpc';
import type { WorkerMethods } from '../worker/worker-protocol';

type Method = MethodName<WorkerMethods>;

export class PrefetchedViews {
  private readonly answers = new Map<string, Promise<unknown>>();

  /** Asks now (through `ask`) and keeps the answer for the same request later. */
  prefetch<K extends Method>(method: K, params: ParamsOf<WorkerMethods, K>, ask: () => Promise<ResultOf<WorkerMethods, K>>): void {
    const answer = ask();
    answer.catch(() => undefined); // a failure reaches whoever takes it
    this.answers.set(key(method, params), answer);
  }

  /** The kept answer to exactly this request (then forgotten), or undefined. */
  take<K extends Method>(method: K, params: ParamsOf<WorkerMethods, K>): Promise<ResultOf<WorkerMethods, K>> | undefined {
    const k = key(method, params);
    const answer = this.answers.get(k);
    this.answers.delete(k);
    // Stored under the key of the same method and params: the answer has that method's type.
    return answer as Promise<ResultOf<WorkerMethods, K>> | undefined;
  }

  /** The kept answer to exactly this request, left kept. */
  peek<K extends Method>(method: K, params: ParamsOf<WorkerMethods, K>): Promise<ResultOf<WorkerMethods, K>> | undefined {
    return this.answers.get(key(method, params)) as Promise<ResultOf<WorkerMethods, K>> | undefined;
  }

  clear(): void {
    this.answers.clear();
  }
}

function key(method: string, params: unknown): string {
  return JSON.stringify([method, params]);
}
