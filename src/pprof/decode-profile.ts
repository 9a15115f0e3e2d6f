import type { Profile } from './profile';
import { ProfileError } from './errors';
import { DEFAULT_MAX_INFLATED_BYTES, isGzip, type Inflate } from './inflate';
import { decodeProfileMessage, decodeProfileRuns, type ProfileRuns } from './decode-message';
import { ALL_SAMPLES, type SampleRunVisitor, type SampleShare } from './sample-runs';
import { describeUnsupportedFormat, textExcerpt } from './sniff';
import { WireFormatError } from './wire';
import { readLegacy } from './legacy';

export interface DecodeOptions {
  /** What is being read (file path, URL, label); every error message starts with it. */
  readonly source: string;
  readonly inflate: Inflate;
  /** Refuse gzip data that inflates past this many bytes; default 2 GiB. */
  readonly maxInflatedBytes?: number;
}

/**
 * Decodes a pprof profile, gzipped or raw (told apart by the gzip magic bytes).
 * Every bad input ends in a ProfileError naming `options.source` and the problem.
 */
export function decodeProfile(bytes: Uint8Array, options: DecodeOptions): Profile {
  return decodeInflated(inflateProfile(bytes, options), options.source, decodeProfileMessage);
}

/**
 * Decodes a profile like decodeProfile, with every check, but hands its samples to `visitor`
 * as runs of samples with one location stack (labels dropped) instead of storing them. For
 * reports that only add values up per stack, such as the top table, it saves most of the
 * memory and time of big heap profiles. With `share`, only that part of the samples is read
 * (and checked): threads can split a big profile between them.
 */
export function decodeProfileAsRuns(
  bytes: Uint8Array,
  options: DecodeOptions,
  visitor: SampleRunVisitor,
  share: SampleShare = ALL_SAMPLES,
): ProfileRuns {
  return decodeInflatedAsRuns(inflateProfile(bytes, options), options.source, visitor, share);
}

/** A profile's protobuf bytes, out of their gzip layer if they had one. */
export interface InflatedProfile {
  readonly raw: Uint8Array;
  /** The input was gzipped (error messages say so). */
  readonly gzipped: boolean;
}

/**
 * The first step of a decode on its own: inflates `bytes` if gzipped (a ProfileError past the
 * cap or on corrupt gzip data), so a caller knows the real size before deciding how to decode.
 */
export function inflateProfile(bytes: Uint8Array, options: DecodeOptions): InflatedProfile {
  const gzipped = isGzip(bytes);
  const raw = gzipped ? options.inflate(bytes, options.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES, options.source) : bytes;
  return { raw, gzipped };
}

/** decodeProfileAsRuns of bytes inflated already by inflateProfile: the same checks and messages. */
export function decodeInflatedAsRuns(
  inflated: InflatedProfile,
  source: string,
  visitor: SampleRunVisitor,
  share: SampleShare = ALL_SAMPLES,
): ProfileRuns {
  return decodeInflated(inflated, source, (raw) => decodeProfileRuns(raw, visitor, share));
}

/** Decodes inflated bytes with `decode`, turning every failure into a ProfileError. */
function decodeInflated<T>({ raw, gzipped }: InflatedProfile, source: string, decode: (raw: Uint8Array) => T): T {
  const what = gzipped ? 'the gzip data holds' : 'the input is';
  if (raw.length === 0) throw new ProfileError(source, gzipped ? 'the gzip data is empty' : 'empty input (0 bytes)');
  const legacy = readLegacy(raw, source, what);
  if (legacy !== undefined) return decode(legacy);
  const unsupported = describeUnsupportedFormat(raw);
  if (unsupported !== undefined) {
    throw new ProfileError(source, `${what} ${unsupported}, which is not supported; capture a pprof protobuf profile instead (e.g. /debug/pprof/heap without ?debug=1)`);
  }
  try {
    return decode(raw);
  } catch (error) {
    if (!(error instanceof WireFormatError)) throw error;
    const prefix = gzipped ? 'the inflated data is not a valid pprof protobuf' : 'not gzip, and not a valid pprof protobuf';
    const text = textExcerpt(raw);
    if (text !== undefined) throw new ProfileError(source, `${prefix}: it looks like text starting with ${text}`);
    throw new ProfileError(source, `${prefix} (${raw.length} bytes): ${error.message}`);
  }
}
