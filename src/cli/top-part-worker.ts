/** The helper thread of `go-profiler top` (see top-threads.ts): adds up one share of the samples. */
import type { MessagePort } from 'node:worker_threads';
import { OptionError } from '../shared/option-error';
import { FrameTotalsFromRuns } from '../analysis/frame-totals';
import { decodeInflatedAsRuns } from '../pprof/decode-profile';
import { ProfileError } from '../pprof/errors';
import { isTopPartRequest, type TopPartResult } from './top-part-protocol';

/** `thread` is node:worker_threads, loaded by the caller (cli.ts loads it only in this thread). */
export function runTopPartWorker(thread: { readonly workerData: unknown; readonly parentPort: MessagePort | null }): void {
  const request: unknown = thread.workerData;
  let result: TopPartResult;
  if (!isTopPartRequest(request)) {
    result = { kind: 'failed', message: 'the helper thread got a malformed request' };
  } else {
    try {
      const totals = new FrameTotalsFromRuns(request.options);
      const inflated = { raw: request.bytes, gzipped: request.gzipped };
      const read = decodeInflatedAsRuns(inflated, request.source, totals, request.share);
      result = { kind: 'totals', totals: totals.result(), negativeValues: read.negativeValues };
    } catch (error) {
      if (error instanceof ProfileError) result = { kind: 'profile-error', source: error.source, problem: error.problem };
      else if (error instanceof OptionError) result = { kind: 'option-error', message: error.message };
      else result = { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
  }
  thread.parentPort?.postMessage(result);
}
