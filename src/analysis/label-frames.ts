/**
 * pprof's -tagroot / -tagleaf (its driver's addLabelNodes): each sample's values of the given
 * label keys become pseudo frames at the root (first key outermost) or the leaf (last key
 * innermost) of its stack. A pseudo frame is a function named after the sample's values of the
 * key (joined by ",", numeric values scaled like pprof's ScaledLabel) in a "file" named after
 * the key; a sample without the key gets one with an empty name (pprof prints "<unknown>").
 * Done on the profile before any filter, as pprof does, so every report sees the frames.
 */
import type { FunctionTable, LocationTable, Profile, SampleTable } from '../pprof/profile';
import { formatValue } from '../shared/units';
import type { ReportOptions } from './options';

const cache = new WeakMap<Profile, Map<string, Profile>>();

/** `profile` with the label frames of options.tagRoot / tagLeaf; the same object when there are none. */
export function withLabelFrames(profile: Profile, options: Pick<ReportOptions, 'tagRoot' | 'tagLeaf'>): Profile {
  const root = nonEmpty(options.tagRoot);
  const leaf = nonEmpty(options.tagLeaf);
  if (root.length === 0 && leaf.length === 0) return profile;
  const key = JSON.stringify([root, leaf]);
  let known = cache.get(profile);
  if (!known) {
    known = new Map();
    cache.set(profile, known);
  }
  const found = known.get(key);
  if (found) return found;
  const result = addLabelFrames(profile, root, leaf);
  known.set(key, result);
  return result;
}

function nonEmpty(keys: readonly string[] | undefined): string[] {
  return (keys ?? []).filter((k) => k !== '');
}

/** The values of label `key` on sample `s` as pprof's formatLabelValues prints them: strings first, then numbers. */
export function labelValuesOf(profile: Profile, s: number, key: string): string[] {
  const { strings, samples } = profile;
  const text: string[] = [];
  const numbers: string[] = [];
  let unitless = 0;
  for (let i = samples.labelStart[s]!; i < samples.labelStart[s + 1]!; i++) {
    if (strings[samples.labelKey[i]!] !== key) continue;
    if (samples.labelStr[i]! !== 0) {
      text.push(strings[samples.labelStr[i]!] ?? '');
      continue;
    }
    const unit = strings[samples.labelNumUnit[i]!] ?? '';
    if (unit === '') unitless++;
    numbers.push(unit === '' ? formatValue(samples.labelNum[i]!, '', '') : formatValue(samples.labelNum[i]!, unit, 'minimum'));
  }
  // pprof leaves the numbers out when only some of them carry a unit.
  if (unitless > 0 && unitless < numbers.length) return text;
  return [...text, ...numbers];
}

function addLabelFrames(profile: Profile, rootKeys: readonly string[], leafKeys: readonly string[]): Profile {
  const strings = [...profile.strings];
  const stringIndex = new Map<string, number>();
  const intern = (text: string): number => {
    let index = stringIndex.get(text);
    if (index === undefined) {
      index = text === '' ? 0 : strings.length;
      if (index !== 0) strings.push(text);
      stringIndex.set(text, index);
    }
    return index;
  };
  // One new function and location per (values, key), numbered after the profile's own.
  const added: { name: number; file: number }[] = [];
  const locationOf = new Map<string, number>();
  const frameLocation = (values: string, key: string): number => {
    const id = `${key}\u0000${values}`;
    let loc = locationOf.get(id);
    if (loc === undefined) {
      loc = profile.locations.count + added.length;
      added.push({ name: intern(values), file: intern(key) });
      locationOf.set(id, loc);
    }
    return loc;
  };

  const { samples } = profile;
  const stackStart = new Int32Array(samples.count + 1);
  const perSample = rootKeys.length + leafKeys.length;
  const stackLocations = new Int32Array(samples.stackLocations.length + samples.count * perSample);
  let n = 0;
  for (let s = 0; s < samples.count; s++) {
    stackStart[s] = n;
    // Leaf frames: the last key is the new leaf.
    for (let i = leafKeys.length - 1; i >= 0; i--) stackLocations[n++] = frameLocation(labelValuesOf(profile, s, leafKeys[i]!).join(','), leafKeys[i]!);
    for (let i = samples.stackStart[s]!; i < samples.stackStart[s + 1]!; i++) stackLocations[n++] = samples.stackLocations[i]!;
    // Root frames: the first key is the new root.
    for (let i = rootKeys.length - 1; i >= 0; i--) stackLocations[n++] = frameLocation(labelValuesOf(profile, s, rootKeys[i]!).join(','), rootKeys[i]!);
  }
  stackStart[samples.count] = n;
  // Each field by name: a decoded table makes some of them on first use (getters a spread would drop).
  const newSamples: SampleTable = {
    count: samples.count,
    valueCount: samples.valueCount,
    values: samples.values,
    stackStart,
    stackLocations: stackLocations.subarray(0, n),
    labelStart: samples.labelStart,
    labelKey: samples.labelKey,
    labelStr: samples.labelStr,
    labelNum: samples.labelNum,
    labelNumUnit: samples.labelNumUnit,
    exactValues: samples.exactValues,
  };
  return {
    ...profile,
    strings,
    functions: withFunctions(profile.functions, added),
    locations: withLocations(profile.locations, profile.functions.count, added.length),
    samples: newSamples,
  };
}

function withFunctions(functions: FunctionTable, added: readonly { name: number; file: number }[]): FunctionTable {
  const count = functions.count + added.length;
  const id = grow(functions.id, count);
  const name = grow(functions.name, count);
  const systemName = grow(functions.systemName, count);
  const filename = grow(functions.filename, count);
  const startLine = grow(functions.startLine, count);
  let maxId = 0;
  for (let f = 0; f < functions.count; f++) maxId = Math.max(maxId, functions.id[f]!);
  added.forEach((a, i) => {
    const f = functions.count + i;
    id[f] = maxId + 1 + i;
    name[f] = a.name;
    systemName[f] = a.name;
    filename[f] = a.file;
  });
  return { count, id, name, systemName, filename, startLine };
}

/** `locations` with `added` more, location i of them holding one line of function firstFunction + i. */
function withLocations(locations: LocationTable, firstFunction: number, added: number): LocationTable {
  const count = locations.count + added;
  const lineCount = locations.lineFunction.length + added;
  const lineStart = grow(locations.lineStart, count + 1);
  const lineFunction = grow(locations.lineFunction, lineCount);
  let maxId = 0;
  for (let l = 0; l < locations.count; l++) maxId = Math.max(maxId, locations.id[l]!);
  const id = grow(locations.id, count);
  const mapping = grow(locations.mapping, count);
  const firstLine = locations.lineStart[locations.count]!;
  for (let i = 0; i < added; i++) {
    const l = locations.count + i;
    id[l] = maxId + 1 + i;
    mapping[l] = -1;
    lineStart[l + 1] = firstLine + i + 1;
    lineFunction[firstLine + i] = firstFunction + i;
  }
  return {
    count,
    id,
    mapping,
    address: grow(locations.address, count),
    isFolded: grow(locations.isFolded, count),
    lineStart,
    lineFunction,
    lineNumber: grow(locations.lineNumber, lineCount),
    lineColumn: grow(locations.lineColumn, lineCount),
  };
}

/** A copy of `a` with room for `length` entries (the new ones 0). */
function grow<T extends Int32Array | Float64Array | Uint8Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}
