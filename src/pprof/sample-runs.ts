/**
 * Samples delivered as runs instead of a table: consecutive samples whose location ids are the
 * same bytes in the file form one run, with their values summed. A report that only adds
 * values up per stack (the top table) gets the same numbers from runs as from single samples,
 * without the decoder storing anything per sample: a Go heap profile lists the allocation
 * sizes of one call site one after another, so a run is about one call site.
 *
 * Runs are neither unique nor maximal: the same stack may come back in a later run.
 */
import type { ProfileMetadata } from './profile';
import type { IdIndex } from './id-index';
import type { SampleSink } from './decode-samples';
import { grown } from './growable';
import * as wireFormat from './wire';
import { unknownLocation, writeDenseLocations } from './location-ids';

// Local aliases: see decode-samples.ts.
const { keyAt, lengthAt, skipValue, varintAt, wire } = wireFormat;

/** Receives the samples of a profile run by run (see decodeProfile's `sampleRuns`). */
export interface SampleRunVisitor {
  /** Called once every table but the samples is decoded and checked, before the first run. */
  begin(profile: ProfileMetadata): void;
  /**
   * One run: its dense location indexes `locations[0 .. length - 1]`, leaf first, and the sums
   * of its samples' values (one per sample type). Both arrays are reused for the next run.
   */
  run(locations: Int32Array, length: number, values: Float64Array): void;
}

/** What decoding as runs tells besides the runs. */
export interface SampleRunsSummary {
  /** Samples in the profile. */
  readonly sampleCount: number;
  /** Some value was negative: samples of opposite sign may have cancelled out in a run's sums. */
  readonly negativeValues: boolean;
}

/**
 * A part of the samples, as fractions of their count: samples floor(start * count) up to
 * floor(end * count) - 1 (all of them up to the last when end is 1). Threads that decode
 * the shares [0, x) and [x, 1) of one file between them read every sample exactly once.
 */
export interface SampleShare {
  readonly start: number;
  readonly end: number;
}

export const ALL_SAMPLES: SampleShare = { start: 0, end: 1 };

/** The sample indexes [from, to) of `share` among `count` samples. */
export function sampleRange(share: SampleShare, count: number): [number, number] {
  const bound = (f: number): number => (f >= 1 ? count : Math.max(0, Math.floor(f * count)));
  return [bound(share.start), Math.max(bound(share.start), bound(share.end))];
}

/** The decoder's side of runs: gathers samples into the current run and hands finished runs to the visitor. */
export class SampleRuns implements SampleSink {
  /** The values of the sample being decoded (the decoder writes them here, each sample over the last). */
  readonly values: Float64Array;
  readonly valueStride = 0;
  negativeValues = false;
  private readonly sums: Float64Array;
  private locations = new Int32Array(256);
  private length = 0;
  /** Samples in the current run (0: none yet). */
  private samples = 0;
  /** The location bytes of the current run in `buf`; runEnd < 0 when they were split over fields. */
  private runStart = 0;
  private runEnd = -1;

  constructor(
    private readonly buf: Uint8Array,
    private readonly valueCount: number,
    private readonly locationIndex: IdIndex,
    private readonly visitor: SampleRunVisitor,
  ) {
    this.values = new Float64Array(valueCount);
    this.sums = new Float64Array(valueCount);
  }

  widenValues(): Float64Array {
    return this.values;
  }

  /** Nothing to keep: a run's sums are float64, and a caller that needs them exact sees a total past 2^53. */
  exactValue(): void {}

  /** Sample `s`, whose location ids are the one packed run `buf[keyStart .. keyEnd - 1]` and whose values are in `values`. */
  push(s: number, keyStart: number, keyEnd: number): void {
    const { buf, runStart, runEnd } = this;
    let same = this.samples > 0 && keyEnd - keyStart === runEnd - runStart;
    for (let p = keyStart, q = runStart; same && p < keyEnd; p++, q++) same = buf[p] === buf[q];
    if (same) {
      this.addValues();
      return;
    }
    this.emit();
    this.length = 0;
    this.addIds(s, buf, keyStart, keyEnd);
    this.runStart = keyStart;
    this.runEnd = keyEnd;
    this.addValues();
  }

  /** Sample `s` (at `buf[start .. end - 1]`, read once already) whose location ids are split over several fields. */
  pushSplit(s: number, start: number, end: number): void {
    this.emit();
    this.length = 0;
    const { buf } = this;
    let pos = start;
    while (pos < end) {
      const key = keyAt(buf, pos, end);
      pos = wire.next;
      if (key === 8) {
        this.addId(s, varintAt(buf, pos, end, false));
        pos = wire.next;
      } else if (key === 10) {
        const length = lengthAt(buf, pos, end);
        pos = wire.next;
        this.addIds(s, buf, pos, pos + length);
        pos += length;
      } else {
        pos = skipValue(buf, pos, end, key & 7);
      }
    }
    this.runEnd = -1;
    this.addValues();
  }

  /** Hands the last run to the visitor. */
  finish(): void {
    this.emit();
  }

  private emit(): void {
    if (this.samples === 0) return;
    this.visitor.run(this.locations, this.length, this.sums);
    this.samples = 0;
  }

  private addValues(): void {
    const { values, sums, valueCount } = this;
    const first = this.samples === 0;
    for (let t = 0; t < valueCount; t++) {
      const value = values[t]!;
      if (value < 0) this.negativeValues = true;
      // The first sample of a run overwrites the last run's sums.
      if (first) sums[t] = value;
      else sums[t]! += value;
    }
    this.samples++;
  }

  /** Appends the packed location ids `src[lo .. hi - 1]` as dense indexes. */
  private addIds(s: number, src: Uint8Array, lo: number, hi: number): void {
    if (this.length + (hi - lo) > this.locations.length) this.locations = grown(this.locations, this.length + (hi - lo));
    this.length = writeDenseLocations(s, src, lo, hi, this.locationIndex, this.locations, this.length);
  }

  private addId(s: number, id: number): void {
    const dense = this.locationIndex.get(id);
    if (dense < 0) throw unknownLocation(s, id);
    if (this.length === this.locations.length) this.locations = grown(this.locations, this.length + 1);
    this.locations[this.length++] = dense;
  }
}
