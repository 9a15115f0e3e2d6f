import type { SampleTable, UniqueStacks } from './profile';
import type { LabelColumns, SameLabel } from './sample-labels';

/**
 * A SampleTable whose per-sample stack layout is expanded from the unique stacks on first use,
 * and whose label columns are made on first use when LabelColumns kept them in short form.
 */
export class DecodedSamples implements SampleTable {
  readonly sameLabel: SameLabel | undefined;
  private expandedStart: Int32Array | undefined;
  private expandedLocations: Int32Array | undefined;
  private starts: Int32Array | undefined;
  private keys: Int32Array | undefined;
  private strs: Int32Array | undefined;
  private nums: Float64Array | undefined;
  private numUnits: Int32Array | undefined;

  constructor(
    readonly count: number,
    readonly valueCount: number,
    readonly values: Int32Array | Float64Array,
    private readonly labels: LabelColumns,
    readonly uniqueStacks: UniqueStacks,
    readonly exactValues: ReadonlyMap<number, bigint> | undefined,
  ) {
    this.sameLabel = labels.sameLabel();
  }

  get labelStart(): Int32Array {
    return (this.starts ??= this.labels.startColumn());
  }

  get labelKey(): Int32Array {
    return (this.keys ??= this.labels.keyColumn());
  }

  get labelStr(): Int32Array {
    return (this.strs ??= this.labels.strColumn());
  }

  get labelNum(): Float64Array {
    return (this.nums ??= this.labels.numColumn());
  }

  get labelNumUnit(): Int32Array {
    return (this.numUnits ??= this.labels.numUnitColumn());
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
