/**
 * Every label key of a profile with its values and their share of the selected sample type:
 * pprof's -tags report (its printTags), over the samples the report's filters keep, plus what
 * -tags leaves out: the samples without the key ("(none)", the "<unknown>" frame of -tagroot)
 * and, per value, the -tagfocus expression that selects it.
 */
import type { Profile, ValueType } from '../pprof/profile';
import { quoteGoRegexp } from '../shared/go-regexp';
import { formatValue } from '../shared/units';
import type { ReportOptions } from './options';
import { compareBytes } from './top';
import { StackWalk, combinedTagTest } from './stack-walk';
import { numericLabelUnits } from './tag-filter';
import { computeTotal } from './total';
import { withLabelFrames } from './label-frames';

export interface LabelValueShare {
  /** As pprof -tags prints it: the string, or the number scaled to its unit ("256kB"). */
  readonly value: string;
  /** Sum of the selected sample type over the samples with this value. */
  readonly total: number;
  /** A -tagfocus / -tagignore expression selecting exactly this value, e.g. "phase=^hot$". */
  readonly filter: string;
}

export interface LabelKeyShare {
  readonly key: string;
  /** Whether the key's values are numbers (then `unit` is theirs, pprof's NumLabelUnits). */
  readonly numeric: boolean;
  readonly unit: string;
  /** Sum over the key's values (pprof's "Total … of …"). */
  readonly total: number;
  /** Sum over the kept samples without the key. */
  readonly none: number;
  /** pprof -tags order: largest first, then by name. */
  readonly values: readonly LabelValueShare[];
}

export interface LabelsReport {
  readonly sampleType: ValueType;
  /** pprof's -unit the values and numeric labels are printed in ("minimum": each in its best unit). */
  readonly outputUnit: string;
  /** The profile's total of the sample type (pprof's report total, before filters). */
  readonly total: number;
  /** Sorted by key. */
  readonly keys: readonly LabelKeyShare[];
}

export function buildLabels(original: Profile, options: ReportOptions, outputUnit = 'minimum'): LabelsReport {
  const profile = withLabelFrames(original, options);
  const walk = new StackWalk(profile, options, combinedTagTest(profile, options));
  // Which samples the filters keep (pprof -tags counts those, zero values too).
  const kept: number[] = [];
  walk.eachSample(profile.samples, true, undefined, { add: (_f, _i, _l, _v, sample) => kept.push(sample) });
  const { strings, samples } = profile;
  const units = numericLabelUnits(profile);
  const perKey = new Map<string, { numeric: boolean; values: Map<string, { total: number; filter: string }>; total: number; withKey: number }>();
  let keptTotal = 0;
  for (const s of kept) {
    const value = samples.values[s * samples.valueCount + walk.sampleTypeIndex]!;
    keptTotal += value;
    const seen = new Set<string>();
    for (let i = samples.labelStart[s]!; i < samples.labelStart[s + 1]!; i++) {
      const key = strings[samples.labelKey[i]!] ?? '';
      const isString = samples.labelStr[i]! !== 0;
      let entry = perKey.get(key);
      if (!entry) {
        entry = { numeric: !isString, values: new Map(), total: 0, withKey: 0 };
        perKey.set(key, entry);
      }
      const unit = units.get(key) ?? '';
      const text = isString ? (strings[samples.labelStr[i]!] ?? '') : formatValue(samples.labelNum[i]!, unit, outputUnit);
      let share = entry.values.get(text);
      if (!share) {
        share = { total: 0, filter: isString ? `${key}=^${quoteGoRegexp(text)}$` : numericFilter(key, samples.labelNum[i]!, unit) };
        entry.values.set(text, share);
      }
      share.total += value;
      entry.total += value;
      if (!seen.has(key)) {
        seen.add(key);
        entry.withKey += value;
      }
    }
  }
  const keys = [...perKey.entries()]
    .sort(([a], [b]) => compareBytes(a, b))
    .map(([key, entry]): LabelKeyShare => ({
      key,
      numeric: entry.numeric,
      unit: entry.numeric ? (units.get(key) ?? '') : '',
      total: entry.total,
      none: keptTotal - entry.withKey,
      values: [...entry.values.entries()]
        .map(([value, share]) => ({ value, total: share.total, filter: share.filter }))
        .sort((a, b) => Math.abs(b.total) - Math.abs(a.total) || compareBytes(a.value, b.value)),
    }));
  return { sampleType: walk.sampleType, outputUnit, total: computeTotal(profile, walk.sampleTypeIndex), keys };
}

/** A tag filter range of one number, in the key's unit when it has a word for one ("262144bytes"). */
function numericFilter(key: string, value: number, unit: string): string {
  return /^[A-Za-z]+$/.test(unit) ? `${key}=${value}${unit}` : `${key}=${value}`;
}
