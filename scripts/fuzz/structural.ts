/**
 * Structure-aware mutations of a raw (not gzipped) profile.proto: fields duplicated, deleted
 * or retyped inside nested messages (samples, locations, lines, functions, mappings, labels),
 * references set out of range, huge nested lengths, locations that refer to themselves many
 * times, locations of many inlined lines (repeated in a stack), duplicate ids. Each returns the new bytes and a description to replay it by.
 */
import { bytesField, concat, intField, key, packed, parseFields, varint, varintOf, type Field } from './proto';

export type Random = () => number;

export interface Mutated {
  readonly description: string;
  readonly bytes: Uint8Array;
}

const int = (random: Random, n: number): number => Math.floor(random() * n);
const pick = <T>(random: Random, items: readonly T[]): T => items[int(random, items.length)]!;

/** Varint values that stress index and size handling. */
const HOSTILE_VALUES = [0, 1, 2, 255, 65_535, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1, 2 ** 53 + 2];
/** Raw varints that are not representable as safe numbers: -1 as int64, 2^63, 2^64-1 in 10 bytes. */
const HOSTILE_RAW = [
  [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
  [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
  [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f],
];
const HUGE_LENGTHS = [[0xff, 0xff, 0xff, 0xff, 0x0f], [0xff, 0xff, 0xff, 0x7f], [0x80, 0x80, 0x80, 0x80, 0x10]];

function hostileVarint(random: Random): number[] {
  return random() < 0.7 ? varint(pick(random, HOSTILE_VALUES)) : pick(random, HOSTILE_RAW);
}

/** Rebuilds `message` with field `f` replaced by `replacement`. */
function replaceField(message: Uint8Array, f: Field, replacement: ArrayLike<number>): Uint8Array {
  return concat([message.subarray(0, f.start), replacement, message.subarray(f.end)]);
}

/** One change to the fields of a message, at the current depth. */
function mutateFields(message: Uint8Array, fields: readonly Field[], random: Random): Mutated {
  const f = pick(random, fields);
  const at = `field ${f.field}/wt${f.wireType} @${f.start}`;
  switch (int(random, 6)) {
    case 0:
      return { description: `delete ${at}`, bytes: replaceField(message, f, []) };
    case 1: {
      const copies = pick(random, [2, 3, 100]);
      const field = message.subarray(f.start, f.end);
      return { description: `repeat x${copies} ${at}`, bytes: replaceField(message, f, concat(new Array<Uint8Array>(copies).fill(field))) };
    }
    case 2: {
      const wireType = pick(random, [0, 1, 2, 3, 4, 5, 6, 7].filter((w) => w !== f.wireType));
      const body = message.subarray(f.start + key(f.field, f.wireType).length, f.end);
      return { description: `wire type ${wireType} for ${at}`, bytes: replaceField(message, f, [...key(f.field, wireType), ...body]) };
    }
    case 3: {
      const value = hostileVarint(random);
      return { description: `value [${value.join(',')}] for ${at}`, bytes: replaceField(message, f, [...key(f.field, 0), ...value]) };
    }
    case 4: {
      const length = pick(random, HUGE_LENGTHS);
      const body = f.wireType === 2 ? message.subarray(f.bodyStart, f.end) : new Uint8Array(0);
      return { description: `huge length for ${at}`, bytes: replaceField(message, f, [...key(f.field, 2), ...length, ...body]) };
    }
    default: {
      const values = Array.from({ length: 1 + int(random, 4) }, () => pick(random, HOSTILE_VALUES));
      return { description: `packed [${values.join(',')}] for ${at}`, bytes: replaceField(message, f, packed(f.field, values)) };
    }
  }
}

/** Descends into nested messages (up to `depth` levels) and changes a field there. */
export function mutateNested(message: Uint8Array, random: Random, depth = 3): Mutated {
  const { fields } = parseFields(message);
  if (fields.length === 0) return { description: 'nested (no fields)', bytes: message };
  const nested = fields.filter((f) => f.wireType === 2 && f.end > f.bodyStart);
  if (depth > 0 && nested.length > 0 && random() < 0.75) {
    const f = pick(random, nested);
    const body = message.subarray(f.bodyStart, f.end);
    if (parseFields(body).complete) {
      const inner = mutateNested(body, random, depth - 1);
      return { description: `in field ${f.field} @${f.start}: ${inner.description}`, bytes: replaceField(message, f, bytesField(f.field, inner.bytes)) };
    }
  }
  return mutateFields(message, fields, random);
}

function topLevel(profile: Uint8Array, field: number): Uint8Array[] {
  return parseFields(profile).fields.filter((f) => f.field === field && f.wireType === 2).map((f) => profile.subarray(f.bodyStart, f.end));
}

function sampleTypeCount(profile: Uint8Array): number {
  return topLevel(profile, 1).length;
}

/** A sample referring to one existing location `times` times (a cycle through one id). */
export function locationCycle(profile: Uint8Array, random: Random): Mutated {
  const ids = topLevel(profile, 4).map((l) => varintOf(l, 1) ?? 0);
  const id = ids.length > 0 ? pick(random, ids) : 1;
  const times = pick(random, [2, 1000, 100_000]);
  const values = new Array<number>(Math.max(1, sampleTypeCount(profile))).fill(1);
  const sample = [...packed(1, new Array<number>(times).fill(id)), ...packed(2, values)];
  return { description: `sample with location ${id} x${times}`, bytes: concat([profile, bytesField(2, sample)]) };
}

/**
 * A new location of 2 to 1,000 lines (inlined calls of the profile's functions) in a sample's
 * stack 1 to 100,000 times, among the profile's own locations: up to 100 million frames once
 * expanded, from a few kilobytes.
 */
export function inlineLines(profile: Uint8Array, random: Random): Mutated {
  const functionIds = topLevel(profile, 5).map((f) => varintOf(f, 1) ?? 0);
  const locationIds = topLevel(profile, 4).map((l) => varintOf(l, 1) ?? 0);
  const lines = pick(random, [2, 5, 50, 1000]);
  const times = pick(random, [1, 1000, 100_000]);
  const id = 1e6 + 11;
  const line = (i: number): number[] => bytesField(4, [...intField(1, functionIds.length > 0 ? pick(random, functionIds) : 1), ...intField(2, i + 1)]);
  const location = bytesField(4, [...intField(1, id), ...Array.from({ length: lines }, (_, i) => line(i)).flat()]);
  const stack = Array.from({ length: times }, () => (locationIds.length > 0 && random() < 0.1 ? pick(random, locationIds) : id));
  const values = new Array<number>(Math.max(1, sampleTypeCount(profile))).fill(1);
  const sample = bytesField(2, [...packed(1, stack), ...packed(2, values)]);
  return { description: `location of ${lines} lines in a stack x${times}`, bytes: concat([profile, location, sample]) };
}

/** A location whose id duplicates another's, or a function whose id duplicates another's. */
export function duplicateId(profile: Uint8Array, random: Random): Mutated {
  const field = random() < 0.5 ? 4 : 5;
  const messages = topLevel(profile, field);
  if (messages.length === 0) return { description: `duplicate id (no field ${field})`, bytes: profile };
  const victim = pick(random, messages);
  const id = varintOf(victim, 1) ?? 0;
  const clone = pick(random, messages);
  const rest = parseFields(clone).fields.filter((f) => f.field !== 1).map((f) => clone.subarray(f.start, f.end));
  return { description: `field ${field} message with duplicate id ${id}`, bytes: concat([profile, bytesField(field, concat([intField(1, id), ...rest]))]) };
}

/** References that point nowhere: location, function, mapping, string indexes. */
export function danglingReference(profile: Uint8Array, random: Random): Mutated {
  const bad = pick(random, HOSTILE_VALUES.slice(3));
  const values = new Array<number>(Math.max(1, sampleTypeCount(profile))).fill(1);
  const choices: [string, number[]][] = [
    ['sample location', bytesField(2, [...packed(1, [bad]), ...packed(2, values)])],
    ['sample label key', bytesField(2, [...packed(2, values), ...bytesField(3, [...intField(1, bad), ...intField(2, 1)])])],
    ['sample label str', bytesField(2, [...packed(2, values), ...bytesField(3, [...intField(1, 1), ...intField(2, bad)])])],
    ['location mapping', bytesField(4, [...intField(1, 1e6 + 7), ...intField(2, bad)])],
    ['line function', bytesField(4, [...intField(1, 1e6 + 8), ...bytesField(4, [...intField(1, bad), ...intField(2, 3)])])],
    ['function name', bytesField(5, [...intField(1, 1e6 + 9), ...intField(2, bad), ...intField(4, bad)])],
    ['mapping filename', bytesField(3, [...intField(1, 1e6 + 10), ...intField(5, bad), ...intField(6, bad)])],
    ['sample type string', bytesField(1, [...intField(1, bad), ...intField(2, bad)])],
    ['period type string', bytesField(11, [...intField(1, bad), ...intField(2, bad)])],
    ['default sample type', intField(14, bad)],
    ['drop frames', intField(7, bad)],
    ['comment', intField(13, bad)],
  ];
  const [what, field] = pick(random, choices);
  return { description: `${what} -> ${bad}`, bytes: concat([profile, field]) };
}

export type StructuralMutator = (profile: Uint8Array, random: Random) => Mutated;

export const structuralMutators: readonly StructuralMutator[] = [mutateNested, mutateNested, mutateNested, locationCycle, inlineLines, duplicateId, danglingReference];
