/**
 * A trace-derived profile (src/trace/profiles.ts) as a gzipped profile.proto, shaped as go
 * tool trace -pprof writes it: samples [contentions count, delay nanoseconds], one location
 * per PC, one function per (file, name). It opens in the profile editor like any profile.
 */
import { gzipSync } from 'node:zlib';
import { traceProfile, type TraceProfileType } from '../trace/profiles';
import type { Trace } from '../trace/trace';
import { Writer } from '../pprof/proto-writer';

class StringTable {
  readonly list: string[] = [''];
  private readonly index = new Map<string, number>([['', 0]]);
  id(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

function valueType(strings: StringTable, type: string, unit: string): Uint8Array {
  const w = new Writer();
  w.uint(1, strings.id(type));
  w.uint(2, strings.id(unit));
  return w.finish();
}

/** The profile.proto bytes (not gzipped) of the trace's `type` profile. */
export function encodeTraceProfile(trace: Trace, type: TraceProfileType): Uint8Array {
  const strings = new StringTable();
  const out = new Writer();
  out.lengthDelimited(1, valueType(strings, 'contentions', 'count'));
  out.lengthDelimited(1, valueType(strings, 'delay', 'nanoseconds'));
  const locationOfFrame = new Map<number, number>();
  const functionOfKey = new Map<string, number>();
  const locations: Uint8Array[] = [];
  const functions: Uint8Array[] = [];
  const locationId = (frameIndex: number): number => {
    const known = locationOfFrame.get(frameIndex);
    if (known !== undefined) return known;
    const f = trace.frames[frameIndex]!;
    const key = `${f.file}\0${f.func}`;
    let fn = functionOfKey.get(key);
    if (fn === undefined) {
      fn = functions.length + 1;
      functionOfKey.set(key, fn);
      const w = new Writer();
      w.uint(1, fn);
      w.uint(2, strings.id(f.func));
      w.uint(3, strings.id(f.func));
      w.uint(4, strings.id(f.file));
      functions.push(w.finish());
    }
    const id = locations.length + 1;
    locationOfFrame.set(frameIndex, id);
    const line = new Writer();
    line.uint(1, fn);
    line.uint(2, f.line);
    const w = new Writer();
    w.uint(1, id);
    w.uint(3, f.pc);
    w.lengthDelimited(4, line.finish());
    locations.push(w.finish());
    return id;
  };
  for (const r of traceProfile(trace, type)) {
    const sample = new Writer();
    sample.packed(1, trace.stacks[r.stack]!.map(locationId));
    sample.packed(2, [r.count, r.delayNs]);
    out.lengthDelimited(2, sample.finish());
  }
  for (const l of locations) out.lengthDelimited(4, l);
  for (const f of functions) out.lengthDelimited(5, f);
  const periodType = valueType(strings, 'trace', 'count');
  const encoder = new TextEncoder();
  for (const s of strings.list) out.lengthDelimited(6, encoder.encode(s));
  out.lengthDelimited(11, periodType);
  out.uint(12, 1);
  return out.finish();
}

/** The gzipped profile, as a .pb.gz file holds it. */
export function traceProfileFile(trace: Trace, type: TraceProfileType): Uint8Array {
  return gzipSync(encodeTraceProfile(trace, type));
}
