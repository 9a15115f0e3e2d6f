/**
 * Merges profiles of one program (e.g. the CPU profiles of several benchmarks of one test
 * binary) into one, on profile.proto's wire format: every sample kept with its values and
 * labels, ids of mappings, locations and functions shifted so they stay apart, strings
 * pooled into one table. Time is the earliest start, duration the sum; sample types, period
 * and the default sample type come from the first, and every input must have the same
 * sample types (else a one-line error naming the mismatch). Pure (bytes already gunzipped).
 */
import { fields, pushInts, type Field } from './proto-wire';
import { Writer } from '../pprof/proto-writer';

const P = { sampleType: 1, sample: 2, mapping: 3, location: 4, function: 5, string: 6, dropFrames: 7, keepFrames: 8, time: 9, duration: 10, periodType: 11, period: 12, comment: 13, defaultSampleType: 14 };

class MergeError extends Error {
  override readonly name = 'MergeError';
}

export function mergeProfiles(inputs: readonly Uint8Array[]): Uint8Array {
  if (inputs.length === 0) throw new MergeError('no profiles to merge');
  const strings: string[] = [''];
  const stringIndex = new Map<string, number>([['', 0]]);
  const intern = (s: string): number => {
    let i = stringIndex.get(s);
    if (i === undefined) stringIndex.set(s, (i = strings.push(s) - 1));
    return i;
  };
  const body = new Writer();
  let head: Writer | undefined;
  let typesKey: string | undefined;
  let time = 0;
  let duration = 0;
  let idBase = 0;
  inputs.forEach((buf, index) => {
    const local: string[] = [];
    for (const f of fields(buf)) if (f.number === P.string && f.wireType === 2) local.push(utf8(buf, f));
    const str = (i: number): number => intern(local[i] ?? '');
    let maxId = 0;
    const id = (v: number): number => {
      maxId = Math.max(maxId, v);
      return v === 0 ? 0 : v + idBase;
    };
    const types: string[] = [];
    const first = index === 0 ? new Writer() : undefined;
    for (const f of fields(buf)) {
      switch (f.number) {
        case P.sampleType:
          types.push(valueTypeKey(buf, f, local));
          first?.lengthDelimited(P.sampleType, rewrite(buf, f, { 1: str, 2: str }));
          break;
        case P.sample:
          body.lengthDelimited(P.sample, rewriteSample(buf, f, id, str));
          break;
        case P.mapping:
          body.lengthDelimited(P.mapping, rewrite(buf, f, { 1: id, 5: str, 6: str }));
          break;
        case P.location:
          body.lengthDelimited(P.location, rewriteLocation(buf, f, id));
          break;
        case P.function:
          body.lengthDelimited(P.function, rewrite(buf, f, { 1: id, 2: str, 3: str, 4: str }));
          break;
        case P.time:
          time = time === 0 ? f.value : Math.min(time, f.value);
          break;
        case P.duration:
          duration += f.value;
          break;
        case P.periodType:
          first?.lengthDelimited(P.periodType, rewrite(buf, f, { 1: str, 2: str }));
          break;
        case P.period:
        case P.dropFrames:
        case P.keepFrames:
        case P.defaultSampleType:
          if (first) first.uint(f.number, f.number === P.period ? f.value : str(f.value));
          break;
        case P.comment: {
          const ids: number[] = [];
          pushInts(buf, f, ids);
          for (const c of ids) body.uint(P.comment, str(c));
          break;
        }
      }
    }
    const key = types.join(',');
    if (typesKey === undefined) typesKey = key;
    else if (key !== typesKey) throw new MergeError(`cannot merge profiles with different sample types (${typesKey} vs ${key})`);
    if (first) head = first;
    idBase += maxId;
  });
  const out = new Writer();
  out.bytes(head!.finish());
  out.bytes(body.finish());
  for (const s of strings) out.lengthDelimited(P.string, new TextEncoder().encode(s));
  if (time) out.uint(P.time, time);
  if (duration) out.uint(P.duration, duration);
  return out.finish();
}

function utf8(buf: Uint8Array, f: Field): string {
  return new TextDecoder().decode(buf.subarray(f.start, f.end));
}

function valueTypeKey(buf: Uint8Array, f: Field, local: readonly string[]): string {
  const parts: string[] = [];
  for (const g of fields(buf, f.start, f.end)) if (g.wireType === 0 && (g.number === 1 || g.number === 2)) parts[g.number - 1] = local[g.value] ?? '';
  return `${parts[0] ?? ''}/${parts[1] ?? ''}`;
}

type Remap = (value: number) => number;

/** A message with some varint fields mapped; every other field copied byte for byte. */
function rewrite(buf: Uint8Array, f: Field, map: Partial<Record<number, Remap>>): Uint8Array {
  const w = new Writer();
  for (const g of fields(buf, f.start, f.end)) {
    const fn = g.wireType === 0 ? map[g.number] : undefined;
    if (fn) w.uint(g.number, fn(g.value));
    else w.bytes(buf.subarray(g.rawStart, g.end));
  }
  return w.finish();
}

function rewriteSample(buf: Uint8Array, f: Field, id: Remap, str: Remap): Uint8Array {
  const w = new Writer();
  const locations: number[] = [];
  for (const g of fields(buf, f.start, f.end)) {
    if (g.number === 1) pushInts(buf, g, locations);
    else if (g.number === 3 && g.wireType === 2) w.lengthDelimited(3, rewrite(buf, g, { 1: str, 2: str, 4: str }));
    else w.bytes(buf.subarray(g.rawStart, g.end));
  }
  w.packed(1, locations.map(id));
  return w.finish();
}

function rewriteLocation(buf: Uint8Array, f: Field, id: Remap): Uint8Array {
  const w = new Writer();
  for (const g of fields(buf, f.start, f.end)) {
    if (g.wireType === 0 && (g.number === 1 || g.number === 2)) w.uint(g.number, id(g.value));
    else if (g.number === 4 && g.wireType === 2) w.lengthDelimited(4, rewrite(buf, g, { 1: id }));
    else w.bytes(buf.subarray(g.rawStart, g.end));
  }
  return w.finish();
}

export { MergeError };
