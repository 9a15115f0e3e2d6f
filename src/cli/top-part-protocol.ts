/**
 * Messages between `go-profiler top` and the helper thread that adds up the later share of a
 * big profile's samples (src/cli/top-threads.ts).
 */
import type { ReportOptions } from '../analysis/options';
import type { FrameTotals } from '../analysis/frame-totals';
import type { SampleShare } from '../pprof/sample-runs';

/** The helper's workerData: decode `bytes` (the inflated file) and add up the samples of `share`. */
export interface TopPartRequest {
  readonly kind: 'top-part';
  /** The file's protobuf bytes, inflated already (shared memory: not copied for the helper). */
  readonly bytes: Uint8Array;
  /** The file was gzipped (error messages say so, as they would in one thread). */
  readonly gzipped: boolean;
  /** The file name, for error messages. */
  readonly source: string;
  readonly options: ReportOptions;
  readonly share: SampleShare;
}

/** The helper's one message back. */
export type TopPartResult =
  | { readonly kind: 'totals'; readonly totals: FrameTotals; readonly negativeValues: boolean }
  | { readonly kind: 'profile-error'; readonly source: string; readonly problem: string }
  /** An option the profile cannot satisfy (the main thread meets it too). */
  | { readonly kind: 'option-error'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function isTopPartRequest(value: unknown): value is TopPartRequest {
  return (
    isRecord(value) &&
    value.kind === 'top-part' &&
    value.bytes instanceof Uint8Array &&
    typeof value.gzipped === 'boolean' &&
    typeof value.source === 'string' &&
    isRecord(value.options) &&
    isRecord(value.share) &&
    typeof value.share.start === 'number' &&
    typeof value.share.end === 'number'
  );
}

function isFrame(value: unknown): boolean {
  return (
    isRecord(value) &&
    ['name', 'functionName', 'file', 'objfile', 'identity'].every((k) => typeof value[k] === 'string') &&
    typeof value.line === 'number' &&
    typeof value.startLine === 'number' &&
    typeof value.inlined === 'boolean' &&
    typeof value.partialInline === 'boolean'
  );
}

function isLocationStacks(value: unknown): boolean {
  return (
    isRecord(value) &&
    typeof value.count === 'number' &&
    value.starts instanceof Int32Array &&
    value.locs instanceof Int32Array &&
    value.values instanceof Float64Array &&
    value.frameRange instanceof Int32Array &&
    value.frames instanceof Int32Array &&
    value.inlined instanceof Uint8Array
  );
}

export function isTopPartResult(value: unknown): value is TopPartResult {
  if (!isRecord(value)) return false;
  switch (value.kind) {
    case 'totals': {
      const t = value.totals;
      return (
        typeof value.negativeValues === 'boolean' &&
        isRecord(t) &&
        Array.isArray(t.frames) &&
        t.flat instanceof Float64Array &&
        t.cum instanceof Float64Array &&
        t.flat.length === t.frames.length &&
        t.cum.length === t.frames.length &&
        typeof t.total === 'number' &&
        typeof t.sampleTypeIndex === 'number' &&
        isRecord(t.sampleType) &&
        typeof t.sampleType.type === 'string' &&
        typeof t.sampleType.unit === 'string' &&
        t.frames.every(isFrame) &&
        (t.stacks === undefined || isLocationStacks(t.stacks))
      );
    }
    case 'profile-error':
      return typeof value.source === 'string' && typeof value.problem === 'string';
    case 'option-error':
    case 'failed':
      return typeof value.message === 'string';
    default:
      return false;
  }
}
