/** A profile read from a legacy format, written as pprof protobuf bytes for the one decoder. */
import { mappingOf, type LegacyMapping } from './legacy-mappings';
import { ProtoWriter } from './proto-writer';

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
  const valueType = (t: { type: string; unit: string }): ProtoWriter => new ProtoWriter().varintField(1, str(t.type)).varintField(2, str(t.unit));
  const out = new ProtoWriter();
  for (const t of profile.sampleTypes) out.messageField(1, valueType(t));
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
    const sample = new ProtoWriter().packedField(1, ids).packedField(2, s.values);
    for (const [key, num] of s.numLabels ?? []) sample.messageField(3, new ProtoWriter().varintField(1, str(key)).varintField(3, num));
    out.messageField(2, sample);
  }
  const { symbols } = profile;
  const mappingIds = addresses.map((a) => (symbols?.has(a) ? 0 : mappingOf(a, mappings) + 1));
  // Functions by name, numbered in order of first use, as pprof makes them.
  const functionOf = new Map<string, number>();
  const functions = new ProtoWriter();
  const lineOf = (a: bigint): ProtoWriter | undefined => {
    const symbol = symbols?.get(a);
    if (!symbol) return undefined;
    let id = functionOf.get(symbol.name);
    if (id === undefined) {
      id = functionOf.size + 1;
      functionOf.set(symbol.name, id);
      const fn = new ProtoWriter().varintField(1, id).varintField(2, str(symbol.name)).varintField(3, str(symbol.name));
      functions.messageField(5, fn.varintField(4, str(symbol.file)));
    }
    return new ProtoWriter().varintField(1, id).varintField(2, symbol.line);
  };
  mappings.forEach((m, i) => {
    const w = new ProtoWriter().varintField(1, i + 1).varintField(2, m.start).varintField(3, m.limit).varintField(4, m.offset);
    out.messageField(3, w.varintField(5, str(m.file)).varintField(6, str(m.buildId)));
  });
  addresses.forEach((a, i) => {
    const location = new ProtoWriter().varintField(1, i + 1).varintField(2, mappingIds[i]!).varintField(3, symbols ? 0 : a);
    const line = lineOf(a);
    out.messageField(4, line ? location.messageField(4, line) : location);
  });
  out.raw(functions);
  const periodType = valueType(profile.periodType);
  const duration = profile.durationNanos ?? 0n;
  for (const s of strings) out.stringField(6, s);
  return out.varintField(10, duration).messageField(11, periodType).varintField(12, profile.period).finish();
}
