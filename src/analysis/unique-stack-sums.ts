/**
 * Per unique location stack, the sum of its kept samples' values and its first kept sample,
 * and the stacks in first-kept order: what StackWalk.uniqueStacks walks, and what the first
 * flame of a big profile is built from.
 */
import type { SampleTable, UniqueStacks } from '../pprof/profile';
import type { SampleTagTest } from './tag-filter';

export interface UniqueStackSums {
  /** Per unique stack u: acc[2u] the summed value, acc[2u + 1] its first kept sample (-1: none kept). */
  readonly acc: Float64Array;
  /** Some kept sample has a negative value. */
  readonly negative: boolean;
  /**
   * The sum of |value| over every sample, kept by the tag test or not (as sumsAreExact adds
   * them up): at most 2^53, every sum of values is exact.
   */
  readonly magnitude: number;
  /**
   * The stacks with a kept sample, in the order of their first kept sample (the order a walk
   * sample by sample would first meet them).
   */
  readonly order: Int32Array;
}

/** Sums the selected value (type `typeIndex`) of the kept samples per unique stack. */
export function uniqueStackSums(
  samples: SampleTable,
  unique: UniqueStacks,
  typeIndex: number,
  keepZeroValues: boolean,
  tagTest: SampleTagTest | undefined,
): UniqueStackSums {
  const { ofSample } = unique;
  const acc = emptySums(unique.count);
  const order = new Int32Array(unique.count);
  let kept = 0;
  const { values, valueCount, count } = samples;
  let negative = false;
  let magnitude = 0;
  for (let s = 0, v = typeIndex; s < count; s++, v += valueCount) {
    const value = values[v]!;
    if (value === 0 && !keepZeroValues) continue;
    magnitude += Math.abs(value);
    if (tagTest && !tagTest(s)) continue;
    if (value < 0) negative = true;
    const u = ofSample[s]!;
    const a = u * 2;
    if (acc[a + 1]! < 0) {
      acc[a + 1] = s;
      order[kept++] = u;
    }
    acc[a]! += value;
  }
  return { acc, negative, magnitude, order: order.subarray(0, kept) };
}

/** [summed value 0, first kept sample -1] per unique stack, side by side: one cache line per update. */
function emptySums(count: number): Float64Array {
  const acc = new Float64Array(count * 2).fill(-1);
  for (let u = 0; u < count; u++) acc[u * 2] = 0;
  return acc;
}
