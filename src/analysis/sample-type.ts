import type { ProfileMetadata, ValueType } from '../pprof/profile';
import { OptionError } from '../shared/option-error';

/**
 * Resolves pprof's -sample_index: empty means the profile's default; a decimal integer is an
 * index; otherwise a type name, where "inuse_space"/"inuse_objects" also match "space"/"objects"
 * (pprof's legacy aliases).
 */
export function selectSampleType(profile: ProfileMetadata, sampleIndex: string | number | undefined): number {
  const types = profile.sampleTypes;
  if (types.length === 0) throw new OptionError('profile has no samples');
  if (sampleIndex === undefined || sampleIndex === '') {
    const d = profile.defaultSampleTypeIndex;
    return d >= 0 && d < types.length ? d : types.length - 1;
  }
  const asText = String(sampleIndex);
  if (typeof sampleIndex === 'number' || /^[+-]?\d+$/.test(asText)) {
    const i = Number(asText);
    if (!Number.isInteger(i) || i < 0 || i >= types.length) {
      throw new OptionError(`sample_index ${asText} is outside the range [0..${types.length - 1}]`);
    }
    return i;
  }
  const withoutInuse = asText.startsWith('inuse_') ? asText.slice('inuse_'.length) : asText;
  const found = types.findIndex((t) => t.type === asText || t.type === withoutInuse);
  if (found >= 0) return found;
  throw new OptionError(`sample_index "${asText}" must be one of: [${types.map((t) => t.type).join(' ')}]`);
}

export function sampleTypeAt(profile: ProfileMetadata, index: number): ValueType {
  const t = profile.sampleTypes[index];
  if (!t) throw new OptionError(`sample type ${index} does not exist`);
  return t;
}
