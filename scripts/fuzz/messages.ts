/** Messages from a fuzz worker to the main thread. */
import type { InflaterName } from './generate';

export interface CrashReport {
  readonly index: number;
  readonly description: string;
  readonly inflater: InflaterName;
  readonly detail: string;
  readonly bytes: Uint8Array;
}

export type WorkerMessage =
  | { readonly type: 'crash'; readonly report: CrashReport }
  | { readonly type: 'slowest'; readonly what: 'decode' | 'analysis'; readonly ms: number; readonly input: string }
  | { readonly type: 'giant'; readonly ms: number; readonly analysisMs: number; readonly kind: string; readonly heapBytes: number }
  | { readonly type: 'done' };
