/**
 * end minus base for cumulative profiles (block, mutex), working on profile.proto's wire
 * format directly so that everything except the samples is passed through untouched.
 *
 * Location ids differ between two snapshots, so samples are matched by the addresses of
 * their stack (plus their raw label bytes). Samples whose every value is unchanged are
 * dropped; duration_nanos becomes end.time_nanos - base.time_nanos. Pure (no zlib here).
 */
import { fields, latin1, pushInts } from './proto-wire';
import { Writer } from '../pprof/proto-writer';

interface Sample {
  readonly key: string;
  readonly locationIds: number[];
  readonly values: number[];
  readonly labels: Uint8Array[];
}

interface Parsed {
  readonly samples: Sample[];
  readonly timeNanos: number;
}

function parse(buf: Uint8Array): Parsed {
  const addressOf = new Map<number, string>();
  const rawSamples: { ids: number[]; values: number[]; labels: Uint8Array[] }[] = [];
  let timeNanos = 0;
  for (const f of fields(buf)) {
    if (f.number === 9 && f.wireType === 0) timeNanos = f.value;
    if (f.wireType !== 2) continue;
    if (f.number === 4) {
      let id = 0;
      let address = '';
      for (const g of fields(buf, f.start, f.end)) {
        if (g.number === 1 && g.wireType === 0) id = g.value;
        if (g.number === 3 && g.wireType === 0) address = latin1(buf.subarray(g.start, g.end));
      }
      addressOf.set(id, address);
    } else if (f.number === 2) {
      const ids: number[] = [];
      const values: number[] = [];
      const labels: Uint8Array[] = [];
      for (const g of fields(buf, f.start, f.end)) {
        if (g.number === 1) pushInts(buf, g, ids);
        else if (g.number === 2) pushInts(buf, g, values);
        else if (g.number === 3 && g.wireType === 2) labels.push(buf.subarray(g.start, g.end));
      }
      rawSamples.push({ ids, values, labels });
    }
  }
  const samples = rawSamples.map(({ ids, values, labels }) => ({
    key: ids.map((id) => addressOf.get(id) ?? `#${id}`).join('|') + '/' + labels.map(latin1).join('|'),
    locationIds: ids,
    values,
    labels,
  }));
  return { samples, timeNanos };
}

function encodeSample(s: Sample, values: readonly number[]): Uint8Array {
  const w = new Writer();
  w.packed(1, s.locationIds);
  w.packed(2, values);
  for (const label of s.labels) w.lengthDelimited(3, label);
  return w.finish();
}

/** Uncompressed profile.proto bytes of end minus base. Throws on malformed input. */
export function subtractProfiles(base: Uint8Array, end: Uint8Array): Uint8Array {
  const before = new Map<string, number[]>();
  const baseParsed = parse(base);
  for (const s of baseParsed.samples) addInto(before, s.key, s.values);

  const endParsed = parse(end);
  const merged = new Map<string, { sample: Sample; values: number[] }>();
  for (const s of endParsed.samples) {
    const seen = merged.get(s.key);
    if (seen) addValues(seen.values, s.values);
    else merged.set(s.key, { sample: s, values: [...s.values] });
  }

  const w = new Writer();
  let samplesWritten = false;
  const writeSamples = (): void => {
    samplesWritten = true;
    for (const { sample, values } of merged.values()) {
      const old = before.get(sample.key);
      const delta = values.map((v, i) => v - (old?.[i] ?? 0));
      if (delta.every((v) => v === 0)) continue;
      w.lengthDelimited(2, encodeSample(sample, delta));
    }
  };
  for (const f of fields(end)) {
    if (f.number === 2 && f.wireType === 2) {
      if (!samplesWritten) writeSamples();
      continue;
    }
    if (f.number === 10 && f.wireType === 0) continue;
    w.bytes(end.subarray(f.rawStart, f.end));
  }
  if (!samplesWritten) writeSamples();
  if (baseParsed.timeNanos > 0 && endParsed.timeNanos >= baseParsed.timeNanos) {
    w.varint(10 * 8);
    w.varint(endParsed.timeNanos - baseParsed.timeNanos);
  }
  return w.finish();
}

function addInto(map: Map<string, number[]>, key: string, values: readonly number[]): void {
  const sum = map.get(key);
  if (sum) addValues(sum, values);
  else map.set(key, [...values]);
}

function addValues(sum: number[], values: readonly number[]): void {
  values.forEach((v, i) => (sum[i] = (sum[i] ?? 0) + v));
}
