import type { Profile, ProfileMetadata, ValueType } from './profile';
import type { RangeList } from './growable';
import { IdIndex } from './id-index';
import { checkString, decodeStrings } from './decode-strings';
import { decodeFunctions } from './decode-functions';
import { decodeMappings } from './decode-mappings';
import { decodeLocations } from './decode-locations';
import { decodeSampleRuns, decodeSamples } from './decode-samples';
import { scanProfile, wrongWireType, type ProfileLayout } from './profile-layout';
import type { SampleRunVisitor, SampleRunsSummary, SampleShare } from './sample-runs';
import { VARINT, WireFormatError, keyAt, skipValue, varintAt, wire } from './wire';

/** Decodes raw (not gzipped) profile.proto bytes. Throws WireFormatError on bad input. */
export function decodeProfileMessage(buf: Uint8Array): Profile {
  const { layout, metadata, locationIndex } = decodeTables(buf);
  const samples = decodeSamples(buf, layout.samples, metadata.sampleTypes.length, locationIndex, metadata.strings.length);
  return { ...metadata, samples };
}

/**
 * Decodes raw profile.proto bytes like decodeProfileMessage, but hands the samples of `share`
 * to `visitor` as runs (see sample-runs.ts) instead of returning them.
 */
export function decodeProfileRuns(buf: Uint8Array, visitor: SampleRunVisitor, share: SampleShare): ProfileRuns {
  const { layout, metadata, locationIndex } = decodeTables(buf);
  visitor.begin(metadata);
  const { samples } = layout;
  const summary = decodeSampleRuns(buf, samples, metadata.sampleTypes.length, locationIndex, metadata.strings.length, visitor, share);
  return { profile: metadata, ...summary };
}

export interface ProfileRuns extends SampleRunsSummary {
  readonly profile: ProfileMetadata;
}

/** Everything but the samples, decoded and checked, with what the samples need. */
function decodeTables(buf: Uint8Array): { layout: ProfileLayout; metadata: ProfileMetadata; locationIndex: IdIndex } {
  const layout = scanProfile(buf);
  const strings = decodeStrings(buf, layout.strings);
  const stringCount = strings.length;
  const resolve = (index: number, what: string, ordinal = -1): string =>
    strings[checkString(index, stringCount, what, ordinal, '')]!;

  const sampleTypes: ValueType[] = [];
  for (let i = 0; i < layout.sampleTypes.count; i++) {
    sampleTypes.push(decodeValueType(buf, layout.sampleTypes, i, strings, 'sample_type', i));
  }
  const periodTypes = layout.periodType;
  const periodType =
    periodTypes.count === 0 ? undefined : decodeValueType(buf, periodTypes, periodTypes.count - 1, strings, 'period_type', -1);

  const functions = decodeFunctions(buf, layout.functions, stringCount);
  const mappings = decodeMappings(buf, layout.mappings, strings);
  const mappingIds = new Float64Array(mappings.length);
  mappings.forEach((m, i) => (mappingIds[i] = m.id));
  const locations = decodeLocations(
    buf,
    layout.locations,
    IdIndex.build(mappingIds, mappings.length, 'mapping'),
    IdIndex.build(functions.id, functions.count, 'function'),
  );
  const locationIndex = IdIndex.build(locations.id, locations.count, 'location');

  const defaultTypeName = resolve(layout.defaultSampleType, 'default_sample_type');
  const defaultIndex = defaultTypeName === '' ? -1 : sampleTypes.findIndex((t) => t.type === defaultTypeName);
  if (defaultTypeName !== '' && defaultIndex < 0) {
    // go tool pprof refuses such a profile too (its default sample index is not found).
    const names = sampleTypes.map((t) => t.type).join(', ');
    throw new WireFormatError(`default_sample_type "${defaultTypeName}" is not one of the sample types (${names})`);
  }
  resolve(layout.docUrl, 'doc_url');

  const metadata: ProfileMetadata = {
    strings,
    sampleTypes,
    defaultSampleTypeIndex: defaultIndex >= 0 ? defaultIndex : Math.max(0, sampleTypes.length - 1),
    periodType,
    period: layout.period,
    timeNanos: layout.timeNanos,
    durationNanos: layout.durationNanos,
    comments: layout.comments.map((c, i) => resolve(c, 'comment', i)),
    dropFrames: resolve(layout.dropFrames, 'drop_frames'),
    keepFrames: resolve(layout.keepFrames, 'keep_frames'),
    mappings,
    functions,
    locations,
  };
  return { layout, metadata, locationIndex };
}

function decodeValueType(
  buf: Uint8Array,
  ranges: RangeList,
  i: number,
  strings: readonly string[],
  owner: string,
  ordinal: number,
): ValueType {
  const end = ranges.ends[i]!;
  let pos = ranges.starts[i]!;
  let type = 0;
  let unit = 0;
  while (pos < end) {
    const keyPos = pos;
    const key = keyAt(buf, pos, end);
    pos = wire.next;
    const field = key >>> 3;
    const wireType = key & 7;
    if (field > 2) {
      pos = skipValue(buf, pos, end, wireType);
      continue;
    }
    if (wireType !== VARINT) throw wrongWireType('ValueType', field === 1 ? 'type' : 'unit', wireType, keyPos);
    const value = varintAt(buf, pos, end, true);
    pos = wire.next;
    if (field === 1) type = value;
    else unit = value;
  }
  return {
    type: strings[checkString(type, strings.length, owner, ordinal, 'type')]!,
    unit: strings[checkString(unit, strings.length, owner, ordinal, 'unit')]!,
  };
}
