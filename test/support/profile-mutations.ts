/**
 * Seeded mutations of profile bytes for fuzzing the decoder: truncation, bit flips,
 * interesting bytes, overlong varints, huge lengths, duplicated / deleted / swapped
 * top-level fields, and random byte splices. Deterministic for a given seed, so a failure
 * can be replayed (each Mutation says how it was made).
 *
 * Deliberately independent of src/pprof: the top-level field splitter here is its own.
 */

export interface Mutation {
  /** e.g. "bitflip x3 @1234" */
  readonly description: string;
  readonly bytes: Uint8Array;
}

/** A small, fast, seeded PRNG (mulberry32); returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

const int = (random: Random, n: number): number => Math.floor(random() * n);

function splice(bytes: Uint8Array, at: number, removeAtMost: number, insert: ArrayLike<number>): Uint8Array {
  const remove = Math.min(removeAtMost, bytes.length - at);
  const out = new Uint8Array(bytes.length - remove + insert.length);
  out.set(bytes.subarray(0, at));
  out.set(insert, at);
  out.set(bytes.subarray(at + remove), at + insert.length);
  return out;
}

/** [start, end) of each top-level field, as far as the bytes parse; stops at the first bad one. */
export function topLevelFields(bytes: Uint8Array): [number, number][] {
  const fields: [number, number][] = [];
  let pos = 0;
  const varint = (): number | undefined => {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const b = bytes[pos++];
      if (b === undefined) return undefined;
      value += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return value;
    }
    return undefined;
  };
  while (pos < bytes.length) {
    const start = pos;
    const key = varint();
    if (key === undefined) break;
    const wireType = key % 8;
    if (wireType === 0) {
      if (varint() === undefined) break;
    } else if (wireType === 2) {
      const length = varint();
      if (length === undefined || pos + length > bytes.length) break;
      pos += length;
    } else if (wireType === 1) pos += 8;
    else if (wireType === 5) pos += 4;
    else break;
    if (pos > bytes.length) break;
    fields.push([start, pos]);
  }
  return fields;
}

const INTERESTING = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x08, 0x0a, 0x12, 0x1a];

type Mutator = (bytes: Uint8Array, random: Random) => Mutation;

const mutators: Mutator[] = [
  function truncate(bytes, random) {
    const at = int(random, bytes.length);
    return { description: `truncate @${at}`, bytes: bytes.slice(0, at) };
  },
  function bitFlips(bytes, random) {
    const out = bytes.slice();
    const n = 1 + int(random, 8);
    const first = int(random, out.length);
    for (let i = 0; i < n; i++) {
      const at = i === 0 ? first : int(random, out.length);
      out[at] = out[at]! ^ (1 << int(random, 8));
    }
    return { description: `bitflip x${n} @${first}`, bytes: out };
  },
  function interestingBytes(bytes, random) {
    const out = bytes.slice();
    const at = int(random, out.length);
    const n = 1 + int(random, 4);
    for (let i = 0; i < n && at + i < out.length; i++) out[at + i] = INTERESTING[int(random, INTERESTING.length)]!;
    return { description: `interesting x${n} @${at}`, bytes: out };
  },
  function overlongVarint(bytes, random) {
    const at = int(random, bytes.length);
    const run = new Array<number>(9 + int(random, 6)).fill(0xff);
    run.push(0x01);
    return { description: `overlong varint (${run.length} bytes) @${at}`, bytes: splice(bytes, at, int(random, 3), run) };
  },
  function hugeLength(bytes, random) {
    const at = int(random, bytes.length);
    const key = [0x0a, 0x12, 0x1a, 0x22, 0x2a, 0x32][int(random, 6)]!;
    const lengths = [[0xff, 0xff, 0xff, 0xff, 0x0f], [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01], [0xff, 0xff, 0x03]];
    const length = lengths[int(random, lengths.length)]!;
    return { description: `huge length @${at}`, bytes: splice(bytes, at, 0, [key, ...length]) };
  },
  function duplicateField(bytes, random) {
    const fields = topLevelFields(bytes);
    if (fields.length === 0) return { description: 'duplicate (no fields)', bytes: bytes.slice() };
    const [start, end] = fields[int(random, fields.length)]!;
    const at = fields[int(random, fields.length)]![0];
    return { description: `duplicate field [${start},${end}) @${at}`, bytes: splice(bytes, at, 0, bytes.subarray(start, end)) };
  },
  function deleteField(bytes, random) {
    const fields = topLevelFields(bytes);
    if (fields.length === 0) return { description: 'delete (no fields)', bytes: bytes.slice() };
    const [start, end] = fields[int(random, fields.length)]!;
    return { description: `delete field [${start},${end})`, bytes: splice(bytes, start, end - start, []) };
  },
  function swapFields(bytes, random) {
    const fields = topLevelFields(bytes);
    if (fields.length < 2) return { description: 'swap (too few fields)', bytes: bytes.slice() };
    let a = fields[int(random, fields.length)]!;
    let b = fields[int(random, fields.length)]!;
    if (a[0] > b[0]) [a, b] = [b, a];
    if (a[0] === b[0]) return { description: 'swap (same field)', bytes: bytes.slice() };
    const out = new Uint8Array(bytes.length);
    let o = 0;
    for (const part of [bytes.subarray(0, a[0]), bytes.subarray(b[0], b[1]), bytes.subarray(a[1], b[0]), bytes.subarray(a[0], a[1]), bytes.subarray(b[1])]) {
      out.set(part, o);
      o += part.length;
    }
    return { description: `swap fields @${a[0]} @${b[0]}`, bytes: out };
  },
  function randomSplice(bytes, random) {
    const at = int(random, bytes.length);
    const insert = Array.from({ length: 1 + int(random, 16) }, () => int(random, 256));
    return { description: `splice ${insert.length} random bytes @${at}`, bytes: splice(bytes, at, int(random, 8), insert) };
  },
];

/** One random mutation of `bytes`. */
export function mutate(bytes: Uint8Array, random: Random): Mutation {
  const mutator = mutators[int(random, mutators.length)]!;
  const first = mutator(bytes, random);
  if (random() < 0.25) {
    const second = mutators[int(random, mutators.length)]!(first.bytes, random);
    return { description: `${first.description}; ${second.description}`, bytes: second.bytes };
  }
  return first;
}

/** `count` mutations of the inputs (taken in turn), reproducible from `seed`. */
export function* mutations(inputs: readonly Uint8Array[], count: number, seed: number): Generator<Mutation & { input: number }> {
  const random = seededRandom(seed);
  for (let i = 0; i < count; i++) {
    const input = i % inputs.length;
    yield { ...mutate(inputs[input]!, random), input };
  }
}
