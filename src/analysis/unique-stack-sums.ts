/**
 * Per unique location stack, the sum of its kept samples' values and its first kept sample:
 * what StackWalk.uniqueStacks walks, and what the first flame of a big profile is built from.
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
  const { values, valueCount, count } = samples;
  let negative = false;
  let magnitude = 0;
  for (let s = 0, v = typeIndex; s < count; s++, v += valueCount) {
    const value = values[v]!;
    if (value === 0 && !keepZeroValues) continue;
    magnitude += Math.abs(value);
    if (tagTest && !tagTest(s)) continue;
    if (value < 0) negative = true;
    const a = ofSample[s]! * 2;
    if (acc[a + 1]! < 0) acc[a + 1] = s;
    acc[a]! += value;
  }
  return { acc, negative, magnitude };
}

/** [summed value 0, first kept sample -1] per unique stack, side by side: one cache line per update. */
function emptySums(count: number): Float64Array {
  const acc = new Float64Array(count * 2).fill(-1);
  for (let u = 0; u < count; u++) acc[u * 2] = 0;
  return acc;
}

/**
 * The unique stacks with a kept sample, in the order of their first kept sample (the order a
 * walk sample by sample would first meet them).
 */
export function firstKeptOrder(acc: Float64Array, sampleCount: number): Int32Array {
  const order = new Int32Array(acc.length / 2);
  const n = keptInStackOrder(acc, order);
  // Unique stacks are numbered by first sample, so by first kept sample too unless some samples were skipped.
  if (n >= 0) return order.subarray(0, n);
  return keptInSampleOrder(acc, sampleCount, order);
}

/** Writes the stacks with a kept sample into `order` by stack number; their count, or -1 when that is not first-kept order. */
function keptInStackOrder(acc: Float64Array, order: Int32Array): number {
  let n = 0;
  for (let u = 0, last = -1; u < order.length; u++) {
    const first = acc[u * 2 + 1]!;
    if (first < 0) continue;
    if (first < last) return -1;
    last = first;
    order[n++] = u;
  }
  return n;
}

/** The stacks with a kept sample in first-kept order, by a scatter of one write per stack and a scan in sample order. */
function keptInSampleOrder(acc: Float64Array, sampleCount: number, order: Int32Array): Int32Array {
  const byFirst = new Int32Array(sampleCount);
  for (let u = 0; u < order.length; u++) {
    const first = acc[u * 2 + 1]!;
    if (first >= 0) byFirst[first] = u + 1;
  }
  let n = 0;
  for (let s = 0; s < sampleCount; s++) if (byFirst[s] !== 0) order[n++] = byFirst[s]! - 1;
  return order.subarray(0, n);
}
