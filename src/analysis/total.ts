import type { Profile } from '../pprof/profile';

/** The label -diff_base puts on the base profile's samples (pprof's "pprof::base"="true"). */
export const DIFF_BASE_LABEL_KEY = 'pprof::base';
export const DIFF_BASE_LABEL_VALUE = 'true';

/**
 * pprof's report total: the sum of absolute values of every sample (before focus/ignore and
 * other filters), or, when the profile holds -diff_base samples, the sum over those alone.
 */
export function computeTotal(profile: Profile, sampleTypeIndex: number): number {
  const { samples } = profile;
  const isBase = diffBaseSamples(profile);
  let total = 0;
  let baseTotal = 0;
  for (let s = 0; s < samples.count; s++) {
    const v = Math.abs(samples.values[s * samples.valueCount + sampleTypeIndex]!);
    total += v;
    if (isBase && isBase[s]) baseTotal += v;
  }
  return baseTotal > 0 ? baseTotal : total;
}

/** Per sample, 1 when it carries the diff-base label; undefined when no sample does. */
export function diffBaseSamples(profile: Profile): Uint8Array | undefined {
  const { strings, samples } = profile;
  const key = strings.indexOf(DIFF_BASE_LABEL_KEY);
  if (key < 0) return undefined;
  let out: Uint8Array | undefined;
  for (let s = 0; s < samples.count; s++) {
    for (let i = samples.labelStart[s]!; i < samples.labelStart[s + 1]!; i++) {
      if (samples.labelKey[i] === key && strings[samples.labelStr[i]!] === DIFF_BASE_LABEL_VALUE) {
        out ??= new Uint8Array(samples.count);
        out[s] = 1;
        break;
      }
    }
  }
  return out;
}
