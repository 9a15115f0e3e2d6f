/** A profile read from a legacy format, written as pprof protobuf bytes for the one decoder. */
import { mappingOf, type LegacyMapping } from './legacy-mappings';
import { Writer } from './proto-writer';

export interface LegacySample {
  readonly values: readonly bigint[];
  /** Leaf first, as adjusted by the format's rules. */
  readonly addrs: readonly bigint[];
  /** Numeric labels, e.g. the block size of a heap sample as "bytes". */
  readonly numLabels?: readonly (readonly [string, bigint])[];
}

export interface LegacyProfile {
  readonly sampleTypes: readonly { type: string; unit: string }[];
  readonly periodType: { type: string; unit: string };
  readonly period: bigint;
  readonly durationNanos?: bigint;
  readonly samples: readonly LegacySample[];
  /**
   * Java's formats: the function (and file, line) of each address, which is a symbol id. Then,
   * as pprof does, no location keeps its address (named ones have no mapping either).
   */
  readonly symbols?: ReadonlyMap<bigint, JavaSymbol>;
}

export interface JavaSymbol {
  readonly name: string;
  readonly file: string;
  readonly line: number;
}

/** A varint field, left out when zero (proto3's default). */
function uintField(w: Writer, field: number, value: number | bigint): Writer {
  if (value !== 0 && value !== 0n) w.uint(field, value);
  return w;
}

/** A message field, written even when empty (string table entries, empty messages). */
function messageField(w: Writer, field: number, message: Writer): Writer {
  w.lengthDelimited(field, message.finish());
  return w;
}

/** Varint fields in order, each left out when zero. */
function message(...fields: readonly (readonly [number, number | bigint])[]): Writer {
  const w = new Writer();
  for (const [field, value] of fields) uintField(w, field, value);
  return w;
}

/** `profile` as pprof protobuf bytes; each address one location (numbered by first use) tied to `mappings`. */
export function encodeLegacyProfile(profile: LegacyProfile, mappings: LegacyMapping[]): Uint8Array {
  const strings = [''];
  const index = new Map<string, number>([['', 0]]);
  const str = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.push(s) - 1;
      index.set(s, i);
    }
    return i;
  };
  const valueType = (t: { type: string; unit: string }): Writer => message([1, str(t.type)], [2, str(t.unit)]);
  const out = new Writer();
  for (const t of profile.sampleTypes) messageField(out, 1, valueType(t));
  const locationOf = new Map<bigint, number>();
  const addresses: bigint[] = [];
  for (const s of profile.samples) {
    const ids = s.addrs.map((a) => {
      let id = locationOf.get(a);
      if (id === undefined) {
        id = addresses.push(a);
        locationOf.set(a, id);
      }
      return id;
    });
    const sample = new Writer();
    if (ids.length > 0) sample.packed(1, ids);
    if (s.values.length > 0) sample.packed(2, s.values);
    for (const [key, num] of s.numLabels ?? []) messageField(sample, 3, message([1, str(key)], [3, num]));
    messageField(out, 2, sample);
  }
  const { symbols } = profile;
  const mappingIds = addresses.map((a) => (symbols?.has(a) ? 0 : mappingOf(a, mappings) + 1));
  // Functions by name, numbered in order of first use, as pprof makes them.
  const functionOf = new Map<string, number>();
  const functions = new Writer();
  const lineOf = (a: bigint): Writer | undefined => {
    const symbol = symbols?.get(a);
    if (!symbol) return undefined;
    let id = functionOf.get(symbol.name);
    if (id === undefined) {
      id = functionOf.size + 1;
      functionOf.set(symbol.name, id);
      messageField(functions, 5, message([1, id], [2, str(symbol.name)], [3, str(symbol.name)], [4, str(symbol.file)]));
    }
    return message([1, id], [2, symbol.line]);
  };
  mappings.forEach((m, i) => {
    messageField(out, 3, message([1, i + 1], [2, m.start], [3, m.limit], [4, m.offset], [5, str(m.file)], [6, str(m.buildId)]));
  });
  addresses.forEach((a, i) => {
    const location = message([1, i + 1], [2, mappingIds[i]!], [3, symbols ? 0 : a]);
    const line = lineOf(a);
    messageField(out, 4, line ? messageField(location, 4, line) : location);
  });
  out.bytes(functions.finish());
  const periodType = valueType(profile.periodType);
  const duration = profile.durationNanos ?? 0n;
  const encoder = new TextEncoder();
  for (const s of strings) out.lengthDelimited(6, encoder.encode(s));
  uintField(out, 10, duration);
  messageField(out, 11, periodType);
  return uintField(out, 12, profile.period).finish();
}
