import type { Profile } from '../pprof/profile';
import { compileGoRegexp } from '../shared/go-regexp';
import { scaleValue } from '../shared/units';

/** Decides for a sample index whether a tag filter selects it. */
export type SampleTagTest = (sample: number) => boolean;

/**
 * pprof's -tagfocus/-tagignore: "[key=]value". A value like "32kb", ":64kb", "4mb:" or
 * "12kb:64mb" is a numeric range on numeric labels (units converted); otherwise it is a
 * comma-separated list of regexps: without a key every regexp must match some "key:value" of
 * the sample's string labels; with a key, any regexp matching any value of that key selects.
 */
export function compileTagFilter(option: string, filter: string, profile: Profile): SampleTagTest {
  let value = filter;
  let wantKey = '';
  const eq = filter.indexOf('=');
  if (eq >= 0) {
    wantKey = filter.slice(0, eq);
    value = filter.slice(eq + 1);
  }
  const { strings, samples } = profile;
  const range = parseRange(value);
  if (range) {
    const units = numericLabelUnits(profile);
    return (s) => {
      for (let i = samples.labelStart[s]!; i < samples.labelStart[s + 1]!; i++) {
        if (samples.labelStr[i]! !== 0) continue;
        const key = strings[samples.labelKey[i]!] ?? '';
        if (wantKey !== '' && key !== wantKey) continue;
        if (range(samples.labelNum[i]!, units.get(key) ?? key)) return true;
      }
      return false;
    };
  }
  const regexps = value.split(',').map((v) => compileGoRegexp(option, v));
  if (wantKey === '') {
    return (s) => {
      const lo = samples.labelStart[s]!;
      const hi = samples.labelStart[s + 1]!;
      return regexps.every((re) => {
        for (let i = lo; i < hi; i++) {
          if (samples.labelStr[i]! === 0) continue;
          if (re.test(`${strings[samples.labelKey[i]!] ?? ''}:${strings[samples.labelStr[i]!] ?? ''}`)) return true;
        }
        return false;
      });
    };
  }
  return (s) => {
    for (let i = samples.labelStart[s]!; i < samples.labelStart[s + 1]!; i++) {
      if (samples.labelStr[i]! === 0 || strings[samples.labelKey[i]!] !== wantKey) continue;
      const v = strings[samples.labelStr[i]!] ?? '';
      if (regexps.some((re) => re.test(v))) return true;
    }
    return false;
  };
}

type RangeTest = (value: number, unit: string) => boolean;

/** pprof's parseTagFilterRange; undefined when the text is not a range (then it is a regexp list). */
function parseRange(filter: string): RangeTest | undefined {
  const parts = [...filter.matchAll(/([+-]?[0-9]+)([A-Za-z]+)?/g)].slice(0, 2);
  const first = parts[0];
  if (!first) return undefined;
  const lo = scaleValue(Number(first[1]), first[2] ?? '', first[2] ?? '');
  const unit = lo.unit;
  const inUnit = (v: number, u: string): number | undefined => {
    const s = scaleValue(v, u, unit);
    return s.unit === unit ? s.value : undefined;
  };
  if (parts.length === 1) {
    const m = first[0];
    if (filter === m) return (v, u) => inUnit(v, u) === lo.value;
    if (filter === m + ':') return (v, u) => (inUnit(v, u) ?? -Infinity) >= lo.value;
    if (filter === ':' + m) return (v, u) => (inUnit(v, u) ?? Infinity) <= lo.value;
    return undefined;
  }
  const second = parts[1]!;
  if (filter !== `${first[0]}:${second[0]}`) return undefined;
  const hi = scaleValue(Number(second[1]), second[2] ?? '', unit);
  if (hi.unit !== unit) return undefined;
  return (v, u) => {
    const x = inUnit(v, u);
    return x !== undefined && x >= lo.value && x <= hi.value;
  };
}

/** Unit of each numeric label key: the first unit seen, else inferred like pprof's NumLabelUnits. */
export function numericLabelUnits(profile: Profile): Map<string, string> {
  const { strings, samples } = profile;
  const units = new Map<string, string>();
  const seen = new Set<string>();
  const n = samples.labelStart[samples.count] ?? 0;
  for (let i = 0; i < n; i++) {
    if (samples.labelStr[i]! !== 0) continue;
    const key = strings[samples.labelKey[i]!] ?? '';
    seen.add(key);
    const unit = strings[samples.labelNumUnit[i]!] ?? '';
    if (unit !== '' && !units.has(key)) units.set(key, unit);
  }
  for (const key of seen) {
    if (!units.has(key)) units.set(key, key === 'alignment' || key === 'request' ? 'bytes' : key);
  }
  return units;
}
