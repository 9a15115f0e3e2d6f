/**
 * Exact integers past 2^53. Sample values are float64, exact up to 2^53; a file may hold
 * int64 values beyond it (kept exactly aside by the decoder, SampleTable.exactValues), and sums
 * of many values may pass it. When the absolute values of a sample type add up to less than
 * 2^53 every sum a report takes is exact in float64 (the fast path, nearly always). Otherwise
 * reports also add the values up as BigInt (the slow path), so the CLI prints true integers:
 * in --json always, in text wherever a value is printed unscaled.
 */
import type { Profile, SampleTable } from '../pprof/profile';
import { formatValue, scaleValue } from '../shared/units';
import { diffBaseSamples } from './total';

/** Whether every sum of sample type `type`'s values, taken in any order, is exact in float64. */
export function sumsAreExact(profile: Profile, type: number): boolean {
  const { samples } = profile;
  const { values, valueCount, count } = samples;
  if (hasValuePast2To53(samples, type)) return false;
  let magnitude = 0;
  for (let s = 0, v = type; s < count; s++, v += valueCount) magnitude += Math.abs(values[v]!);
  // Rounding is monotonic, so a float64 sum under 2^53 means the true sum is too.
  return magnitude <= Number.MAX_SAFE_INTEGER;
}

/** Some value of type `type` is past 2^53 (its entry in `values` is rounded). */
export function hasValuePast2To53(samples: SampleTable, type: number): boolean {
  const { valueCount, exactValues } = samples;
  if (exactValues !== undefined) for (const key of exactValues.keys()) if (key % valueCount === type) return true;
  return false;
}

/** Sample `s`'s value of type `type`, exactly. */
export function exactValue(samples: SampleTable, s: number, type: number): bigint {
  const key = s * samples.valueCount + type;
  return samples.exactValues?.get(key) ?? BigInt(samples.values[key]!);
}

/**
 * A value as the text reports print it (formatValue), with the exact integer when there is one
 * and the value is printed unscaled, in the unit it is counted in; a scaled value ("8PB") is
 * rounded to two decimals anyway, as pprof prints it.
 */
export function formatExactValue(value: number, exact: bigint | undefined, unit: string, outputUnit = 'auto'): string {
  if (exact === undefined || exact === 0n) return formatValue(value, unit, outputUnit);
  const scaled = scaleValue(value, unit, outputUnit);
  if (scaled.value !== value) return formatValue(value, unit, outputUnit);
  return `${exact}${scaled.unit}`;
}

/** computeTotal exactly: the sum of |values| (of the -diff_base samples alone when there are some). */
export function exactTotal(profile: Profile, type: number): bigint {
  const isBase = diffBaseSamples(profile);
  let total = 0n;
  let baseTotal = 0n;
  for (let s = 0; s < profile.samples.count; s++) {
    const v = bigAbs(exactValue(profile.samples, s, type));
    total += v;
    if (isBase?.[s]) baseTotal += v;
  }
  return baseTotal > 0n ? baseTotal : total;
}

export function bigAbs(x: bigint): bigint {
  return x < 0n ? -x : x;
}
