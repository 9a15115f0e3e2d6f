/**
 * The decoded form of a pprof `profile.proto`.
 *
 * Everything is indexed densely from 0. Ids from the file (function id, location id,
 * mapping id) are kept only for reference; cross references use dense indexes.
 * Bulk data (samples, locations, lines, labels) lives in typed arrays, never one object
 * per sample, so a profile with millions of samples stays cheap and can be transferred
 * between threads.
 *
 * 64-bit integers are stored as float64 (exact up to 2^53, which covers every value the
 * Go runtime writes; addresses above that lose low bits, as with any JS number). Sample values
 * past 2^53 are also kept exactly, aside (SampleTable.exactValues), for reports that must
 * print true integers.
 */

/** A (type, unit) pair with its strings resolved, e.g. {type: "cpu", unit: "nanoseconds"}. */
export interface ValueType {
  readonly type: string;
  readonly unit: string;
}

export interface Mapping {
  readonly id: number;
  readonly memoryStart: number;
  readonly memoryLimit: number;
  readonly fileOffset: number;
  readonly filename: string;
  readonly buildId: string;
  readonly hasFunctions: boolean;
  readonly hasFilenames: boolean;
  readonly hasLineNumbers: boolean;
  readonly hasInlineFrames: boolean;
}

/** Functions, dense index f in [0, count). Name fields are indexes into `Profile.strings`. */
export interface FunctionTable {
  readonly count: number;
  readonly id: Float64Array;
  readonly name: Int32Array;
  readonly systemName: Int32Array;
  readonly filename: Int32Array;
  readonly startLine: Float64Array;
}

/**
 * Locations, dense index l in [0, count). The lines of location l are
 * `lineStart[l] .. lineStart[l + 1] - 1` in the line arrays (so `lineStart` has count + 1
 * entries). As in profile.proto, the first line is the innermost (inlined) frame and the
 * last is the caller into which the others were inlined.
 */
export interface LocationTable {
  readonly count: number;
  readonly id: Float64Array;
  /** Dense mapping index, or -1 when the location has no mapping. */
  readonly mapping: Int32Array;
  readonly address: Float64Array;
  readonly isFolded: Uint8Array;
  readonly lineStart: Int32Array;
  /** Dense function index of each line entry, or -1 when the line names no function. */
  readonly lineFunction: Int32Array;
  readonly lineNumber: Float64Array;
  readonly lineColumn: Float64Array;
}

/**
 * Samples, dense index s in [0, count).
 * - values: `values[s * valueCount + t]` is the value of sample type t.
 * - stack: `stackLocations[stackStart[s] .. stackStart[s + 1] - 1]` are dense location
 *   indexes, leaf first (as in the file).
 * - labels: `labelKey/labelStr/labelNum/labelNumUnit[labelStart[s] .. labelStart[s + 1] - 1]`;
 *   string indexes into `Profile.strings`; a string label has labelStr > 0, a numeric one has
 *   labelStr = 0 and its value in labelNum (labelNumUnit 0 when no unit was given).
 */
export interface SampleTable {
  readonly count: number;
  readonly valueCount: number;
  /** Int32Array when every value fits in 32 bits (the decoder's choice), else Float64Array. */
  readonly values: Int32Array | Float64Array;
  readonly stackStart: Int32Array;
  readonly stackLocations: Int32Array;
  readonly labelStart: Int32Array;
  readonly labelKey: Int32Array;
  readonly labelStr: Int32Array;
  readonly labelNum: Float64Array;
  readonly labelNumUnit: Int32Array;
  /**
   * Set by decodeProfile when no sample has more than one label and all labels have this key,
   * str and num_unit (the `bytes` label of a Go heap profile): lets a reader skip the columns
   * (they are made on first use). Copies of a table may leave it out.
   */
  readonly sameLabel?: { readonly key: number; readonly str: number; readonly numUnit: number };
  /**
   * The samples grouped by identical location stack, when known (decodeProfile always sets
   * it; hand-built tables may leave it out). Reports that merge stacks work per unique stack
   * instead of per sample: a heap profile of a million samples has a few hundred thousand.
   */
  readonly uniqueStacks?: UniqueStacks;
  /**
   * The values past 2^53 (whose entry in `values` is rounded) exactly, by `s * valueCount + t`;
   * undefined when there is none (nearly always).
   */
  readonly exactValues?: ReadonlyMap<number, bigint>;
}

/**
 * Distinct location stacks: unique stack k holds the dense location indexes
 * `locations[start[k] .. start[k + 1] - 1]`, leaf first. Unique stacks are numbered in the
 * order of their first sample.
 */
export interface UniqueStacks {
  readonly count: number;
  /** Per sample, the index of its unique stack. */
  readonly ofSample: Int32Array;
  readonly start: Int32Array;
  readonly locations: LocationIndexes;
}

/**
 * Dense location indexes: 16 bits each when the profile has at most 65,536 locations (the
 * decoder writes a location index per frame of every unique stack, 58 MB as int32 for a 90 MB
 * heap profile), else 32.
 */
export type LocationIndexes = Int32Array | Uint16Array;

export interface Profile {
  /** The string table; strings[0] is always "". */
  readonly strings: readonly string[];
  readonly sampleTypes: readonly ValueType[];
  /** Index into sampleTypes chosen by default: default_sample_type if set, else the last. */
  readonly defaultSampleTypeIndex: number;
  readonly periodType: ValueType | undefined;
  readonly period: number;
  readonly timeNanos: number;
  readonly durationNanos: number;
  readonly comments: readonly string[];
  readonly dropFrames: string;
  readonly keepFrames: string;
  readonly mappings: readonly Mapping[];
  readonly functions: FunctionTable;
  readonly locations: LocationTable;
  readonly samples: SampleTable;
}

/** Everything of a profile but its samples (what decoding the samples as runs returns). */
export type ProfileMetadata = Omit<Profile, 'samples'>;
