/**
 * end minus base for cumulative profiles (block, mutex), working on profile.proto's wire
 * format directly so that everything except the samples is passed through untouched.
 *
 * Location ids differ between two snapshots, so samples are matched by the addresses of
 * their stack (plus their raw label bytes). Samples whose every value is unchanged are
 * dropped; duration_nanos becomes end.time_nanos - base.time_nanos. Pure (no zlib here).
 */

interface Field {
  readonly number: number;
  readonly wireType: number;
  /** Varint value for wire type 0 (exact below 2^53). */
  readonly value: number;
  /** Payload for wire type 2; the whole raw field (tag included) in `raw`. */
  readonly start: number;
  readonly end: number;
  readonly rawStart: number;
}

function readVarint(buf: Uint8Array, pos: number): [number, number] {
  let value = 0;
  let scale = 1;
  for (;;) {
    if (pos >= buf.length) throw new Error('truncated varint');
    const b = buf[pos++]!;
    value += (b & 0x7f) * scale;
    if (b < 0x80) return [value, pos];
    scale *= 128;
  }
}

function* fields(buf: Uint8Array, from = 0, to = buf.length): Generator<Field> {
  let pos = from;
  while (pos < to) {
    const rawStart = pos;
    const [tag, afterTag] = readVarint(buf, pos);
    pos = afterTag;
    const number = Math.floor(tag / 8);
    const wireType = tag & 7;
    if (wireType === 0) {
      const [value, next] = readVarint(buf, pos);
      yield { number, wireType, value, start: pos, end: next, rawStart };
      pos = next;
    } else if (wireType === 2) {
      const [length, next] = readVarint(buf, pos);
      if (next + length > to) throw new Error('truncated field');
      yield { number, wireType, value: length, start: next, end: next + length, rawStart };
      pos = next + length;
    } else if (wireType === 1 || wireType === 5) {
      const size = wireType === 1 ? 8 : 4;
      yield { number, wireType, value: 0, start: pos, end: pos + size, rawStart };
      pos += size;
    } else {
      throw new Error(`unsupported wire type ${wireType}`);
    }
  }
}

/** Values of a repeated integer field, packed or not (int64 values as two's complement). */
function pushInts(buf: Uint8Array, f: Field, out: number[]): void {
  if (f.wireType === 0) {
    out.push(toSigned(f.value));
    return;
  }
  let pos = f.start;
  while (pos < f.end) {
    const [v, next] = readVarint(buf, pos);
    out.push(toSigned(v));
    pos = next;
  }
}

function toSigned(v: number): number {
  return v >= 2 ** 63 ? v - 2 ** 64 : v;
}

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

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
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

class Writer {
  private readonly chunks: number[] = [];
  varint(v: number): void {
    if (v < 0) {
      let big = BigInt.asUintN(64, BigInt(Math.round(v)));
      while (big >= 0x80n) {
        this.chunks.push(Number(big & 0x7fn) | 0x80);
        big >>= 7n;
      }
      this.chunks.push(Number(big));
      return;
    }
    while (v >= 0x80) {
      this.chunks.push((v % 128) | 0x80);
      v = Math.floor(v / 128);
    }
    this.chunks.push(v);
  }
  bytes(b: Uint8Array): void {
    for (const x of b) this.chunks.push(x);
  }
  lengthDelimited(field: number, payload: Uint8Array): void {
    this.varint(field * 8 + 2);
    this.varint(payload.length);
    this.bytes(payload);
  }
  packed(field: number, values: readonly number[]): void {
    const inner = new Writer();
    for (const v of values) inner.varint(v);
    this.lengthDelimited(field, inner.finish());
  }
  finish(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
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
