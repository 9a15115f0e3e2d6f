/**
 * The Source and Disassembly tabs: one function's annotated source (pprof's `list`/`weblist`)
 * and its instructions (pprof's `disasm`). Unlike the other views these are answered by the
 * host, which reads the source files and runs `go tool objdump`; the numbers come from the
 * worker (src/worker/source-builder.ts).
 */
import { parsePeekParams, type PeekParams } from './peek-view';
import { checkedMethod } from './rpc';

/** A function called on a line, with the cum of the samples that made that call there. */
export interface LineCallee {
  readonly name: string;
  readonly cum: number;
}

/** One costed line of a routine (the worker's half of the listing). */
export interface CostedLine {
  readonly line: number;
  readonly flat: number;
  readonly cum: number;
  /** Callees of this line, largest cum first. */
  readonly callees: readonly LineCallee[];
}

/** A function's lines in one file, as `go tool pprof -list` prints them: its totals and line range. */
export interface ListingRange {
  readonly name: string;
  /** The file as pprof names it (what the source mapping resolves). */
  readonly file: string;
  readonly flat: number;
  readonly cum: number;
  /** First and last line pprof prints (it stops early at the end of the file). */
  readonly start: number;
  readonly end: number;
}

export interface ListingRoutineData extends ListingRange {
  readonly lines: readonly CostedLine[];
}

/** Routines of one function with the report's unit and total (percentages are of the total). */
export interface Listing<R> {
  readonly unit: string;
  readonly total: number;
  readonly routines: readonly R[];
}

/** The worker's listing: numbers only, the host adds the source text. */
export interface SourceListingData extends Listing<ListingRoutineData> {
  /** The function listed (the selection may be a line or file:function node). */
  readonly name: string;
  /** The function has samples but no file ("No source information for NAME"). */
  readonly noSource: boolean;
}

export interface SourceLineView extends CostedLine {
  readonly text: string;
}

export interface SourceRoutineView extends Omit<ListingRange, 'start' | 'end'> {
  /** The file read on this machine; undefined when it was not found (see `error`). */
  readonly path?: string;
  /** Why the source is not shown, naming the path tried. */
  readonly error?: string;
  /** Every line from start to end (costed or not), with its text. */
  readonly lines: readonly SourceLineView[];
}

export interface SourceView extends Listing<SourceRoutineView> {
  readonly name: string;
  /** Shown instead of routines: no samples, or no source information. */
  readonly message?: string;
}

/** One instruction with its flat/cum and where it is in the source. */
export interface DisasmRowView {
  /** Hex, without 0x (as pprof prints it). */
  readonly address: string;
  readonly text: string;
  readonly flat: number;
  readonly cum: number;
  /** The source file as the profile names it ("" when unknown), for the jump. */
  readonly file: string;
  readonly line: number;
  /** The text of that source line, on the first instruction of each run of the same line. */
  readonly source?: string;
}

export interface DisasmRoutineView {
  readonly name: string;
  readonly flat: number;
  readonly cum: number;
  readonly rows: readonly DisasmRowView[];
}

export type DisasmView =
  /** The profile's binary is unknown: the tab offers "Choose Binary…". */
  | { readonly kind: 'noBinary'; readonly message: string }
  /** objdump failed or the binary has no such symbol. */
  | { readonly kind: 'failed'; readonly binary: string; readonly message: string }
  | ({ readonly kind: 'listing'; readonly binary: string } & Listing<DisasmRoutineView>);

/** A regular expression matching exactly `name` (objdump's -s and pprof's patterns). */
export function exactNamePattern(name: string): string {
  return `^${name.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}$`;
}

export const sourceMethod = checkedMethod<PeekParams, SourceView>(parsePeekParams);
export const disasmMethod = checkedMethod<PeekParams, DisasmView>(parsePeekParams);
/** Asks the user for the program's binary, remembers it for this profile, then disassembles. */
export const chooseBinaryMethod = checkedMethod<PeekParams, DisasmView>(parsePeekParams);

/** The view methods the host answers itself (the others go to the worker as they are). */
export const hostViewMethods = {
  source: sourceMethod,
  disasm: disasmMethod,
  chooseBinary: chooseBinaryMethod,
} as const;
