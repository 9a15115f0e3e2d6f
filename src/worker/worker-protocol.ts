/**
 * Messages between the extension host and the decode worker (a `worker_threads` Worker).
 * The worker keeps the decoded profile; the host asks it for view data by method. Both ends
 * are the extension's own code, so neither re-checks what the other sends: the types do.
 */
import type { RequestOf, ResponseOf } from '../shared/rpc';
import type { WorkerViewMethods } from '../shared/protocol';
import type { PeekParams } from '../shared/peek-view';
import type { DisasmRoutineView, Listing, SourceListingData } from '../shared/source-view';
import type { ObjdumpSymbol } from '../analysis/disasm';
import type { ProfileSummary } from '../shared/view-model';
import type { LineCostsParams, LineCostsView } from '../shared/line-costs-view';

export interface OpenParams {
  /** The raw file, gzipped or not; its buffer is transferred to the worker. */
  readonly bytes: Uint8Array;
  /** Name used in error messages (the file name). */
  readonly source: string;
  /** Refuse files that inflate beyond this many bytes. */
  readonly maxInflatedBytes: number;
  /** The `debug=2` goroutine dump saved beside a goroutine capture (`<stem>.txt`), if any. */
  readonly goroutineDump?: string;
}

export interface BaseInfo {
  readonly source: string;
}

/** `go tool objdump`'s functions (run by the host) to annotate with the profile's addresses. */
export interface DisasmParams extends PeekParams {
  readonly symbols: readonly ObjdumpSymbol[];
}

export type DisasmData = Listing<DisasmRoutineView>;

export interface WorkerMethods extends WorkerViewMethods {
  /** Decodes and keeps the profile; later requests read it. */
  readonly open: { readonly params: OpenParams; readonly result: ProfileSummary };
  /** Per-line costs for the editor hints (files with totals; lines of `files`). */
  readonly lineCosts: { readonly params: LineCostsParams; readonly result: LineCostsView };
  /** Decodes a second profile to compare with (`ViewQuery.diff`); returns its name. */
  readonly openBase: { readonly params: OpenParams; readonly result: BaseInfo };
  /** The Source tab's numbers: the function's `list` routines and each line's callees. */
  readonly sourceListing: { readonly params: PeekParams; readonly result: SourceListingData };
  /** The function a selection stands for (its name at functions granularity). */
  readonly functionOf: { readonly params: PeekParams; readonly result: string };
  /** The Disassembly tab's numbers: objdump's instructions with `disasm`'s flat/cum. */
  readonly disasmListing: { readonly params: DisasmParams; readonly result: DisasmData };
}

export type HostToWorker = RequestOf<WorkerMethods>;
export type WorkerToHost = ResponseOf<WorkerMethods>;
