/**
 * protobufjs over proto/profile.proto: the reference decoder for differential tests and an
 * encoder for building test profiles. 64-bit integers come out as JS numbers (protobufjs is
 * configured without the `long` package), so they compare directly with our decoder's.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

protobuf.util.Long = undefined as unknown as typeof protobuf.util.Long;
protobuf.configure();

const schemaPath = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'proto', 'profile.proto');

let profileType: protobuf.Type | undefined;

/** The `perftools.profiles.Profile` message type from proto/profile.proto. */
export function profileMessageType(): protobuf.Type {
  profileType ??= protobuf.loadSync(schemaPath).lookupType('perftools.profiles.Profile');
  return profileType;
}

export interface RefValueType { type: number; unit: number }
export interface RefLabel { key: number; str: number; num: number; numUnit: number }
export interface RefSample { locationId: number[]; value: number[]; label: RefLabel[] }
export interface RefMapping {
  id: number; memoryStart: number; memoryLimit: number; fileOffset: number; filename: number; buildId: number;
  hasFunctions: boolean; hasFilenames: boolean; hasLineNumbers: boolean; hasInlineFrames: boolean;
}
export interface RefLine { functionId: number; line: number; column: number }
export interface RefLocation { id: number; mappingId: number; address: number; line: RefLine[]; isFolded: boolean }
export interface RefFunction { id: number; name: number; systemName: number; filename: number; startLine: number }

/** A profile as protobufjs sees it: every field present (defaults filled), strings as indexes. */
export interface RefProfile {
  sampleType: RefValueType[];
  sample: RefSample[];
  mapping: RefMapping[];
  location: RefLocation[];
  function: RefFunction[];
  stringTable: string[];
  dropFrames: number;
  keepFrames: number;
  timeNanos: number;
  durationNanos: number;
  periodType?: RefValueType;
  period: number;
  comment: number[];
  defaultSampleType: number;
  docUrl: number;
}

/** Decodes raw (not gzipped) profile bytes with protobufjs. */
export function decodeWithProtobufjs(raw: Uint8Array): RefProfile {
  const type = profileMessageType();
  return type.toObject(type.decode(raw), { longs: Number, defaults: true, arrays: true }) as RefProfile;
}

/** Encodes a (partial) profile object with protobufjs; field names as in RefProfile. */
export function encodeWithProtobufjs(profile: Partial<RefProfile>): Uint8Array {
  const type = profileMessageType();
  return type.encode(type.fromObject(profile)).finish();
}
