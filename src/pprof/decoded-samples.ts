import type { SampleTable, UniqueStacks } from './profile';
import { fitted } from './growable';
import type { LabelColumns } from './sample-labels';

/** A SampleTable whose per-sample stack layout is expanded from the unique stacks on first use. */
export class DecodedSamples implements SampleTable {
  readonly labelKey: Int32Array;
  readonly labelStr: Int32Array;
  readonly labelNum: Float64Array;
  readonly labelNumUnit: Int32Array;
  private expandedStart: Int32Array | undefined;
  private expandedLocations: Int32Array | undefined;

  constructor(
    readonly count: number,
    readonly valueCount: number,
    readonly values: Int32Array | Float64Array,
    readonly labelStart: Int32Array,
    labels: LabelColumns,
    readonly uniqueStacks: UniqueStacks,
    readonly exactValues: ReadonlyMap<number, bigint> | undefined,
  ) {
    this.labelKey = fitted(labels.key, labels.length);
    this.labelStr = fitted(labels.str, labels.length);
    this.labelNum = fitted(labels.num, labels.length);
    this.labelNumUnit = fitted(labels.numUnit, labels.length);
  }

  get stackStart(): Int32Array {
    if (this.expandedStart === undefined) this.expand();
    return this.expandedStart!;
  }

  get stackLocations(): Int32Array {
    if (this.expandedLocations === undefined) this.expand();
    return this.expandedLocations!;
  }

  private expand(): void {
    const { ofSample, start, locations } = this.uniqueStacks;
    const stackStart = new Int32Array(this.count + 1);
    let length = 0;
    for (let s = 0; s < this.count; s++) {
      stackStart[s] = length;
      const u = ofSample[s]!;
      length += start[u + 1]! - start[u]!;
    }
    stackStart[this.count] = length;
    const stackLocations = new Int32Array(length);
    for (let s = 0; s < this.count; s++) {
      const u = ofSample[s]!;
      for (let i = start[u]!, o = stackStart[s]!; i < start[u + 1]!; i++) stackLocations[o++] = locations[i]!;
    }
    this.expandedStart = stackStart;
    this.expandedLocations = stackLocations;
  }
}
