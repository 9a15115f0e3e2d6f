/**
 * Builds small `Profile` objects from a readable spec, for unit tests of pure analysis code.
 *
 *   buildProfile({
 *     sampleTypes: [['samples', 'count'], ['cpu', 'nanoseconds']],
 *     samples: [
 *       { stack: ['main.leaf main.go:12', 'main.main main.go:30'], values: [1, 10] },
 *       // one location holding an inlined call: innermost first
 *       { stack: [['main.inlined main.go:5', 'main.caller main.go:20'], 'main.main main.go:31'], values: [2, 20],
 *         labels: { phase: 'hot' }, numLabels: { bytes: [1024, 'bytes'] } },
 *     ],
 *   });
 *
 * A frame is "function [file[:line]]". Equal frame texts share a function (by name and file);
 * equal location specs share a location. Stacks are leaf first, as in profile.proto.
 */
import type { Mapping, Profile, ValueType } from '../../src/pprof/profile';
import { encodeWithProtobufjs, type RefProfile, type RefSample } from './protobuf-reference';

/** One location: a frame, or its inlined frames innermost first; "" makes a location with no lines. */
export type LocationSpec = string | readonly string[];

export interface SampleSpec {
  /** Leaf first. */
  readonly stack: readonly LocationSpec[];
  /** A bigint for a value past 2^53 (kept exactly in SampleTable.exactValues, and encoded exactly). */
  readonly values: readonly (number | bigint)[];
  readonly labels?: Readonly<Record<string, string | readonly string[]>>;
  /** A number, or [number, unit]. */
  readonly numLabels?: Readonly<Record<string, number | readonly [number, string]>>;
}

export interface ProfileSpec {
  readonly sampleTypes: readonly (readonly [type: string, unit: string])[];
  /** Type name of the default sample type; default: none (the last type is used). */
  readonly defaultSampleType?: string;
  readonly periodType?: readonly [type: string, unit: string];
  readonly period?: number;
  readonly timeNanos?: number;
  readonly durationNanos?: number;
  readonly comments?: readonly string[];
  readonly dropFrames?: string;
  readonly keepFrames?: string;
  /** When set, every location belongs to one mapping of this binary. */
  readonly binary?: string;
  /** Start line of functions by name (default 0). */
  readonly startLines?: Readonly<Record<string, number>>;
  readonly samples: readonly SampleSpec[];
}

interface ParsedFrame {
  readonly name: string;
  readonly file: string;
  readonly line: number;
}

/** "main.f dir/a.go:12" → {name, file, line}. */
export function parseFrame(text: string): ParsedFrame {
  const m = /^(\S+)(?:\s+(\S+?)(?::(\d+))?)?$/.exec(text.trim());
  if (!m) throw new Error(`bad frame spec "${text}": use "function [file[:line]]"`);
  return { name: m[1] ?? '', file: m[2] ?? '', line: m[3] ? Number(m[3]) : 0 };
}

export function buildProfile(spec: ProfileSpec): Profile {
  const strings: string[] = [''];
  const stringIndex = new Map<string, number>([['', 0]]);
  const str = (s: string): number => {
    let i = stringIndex.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      stringIndex.set(s, i);
    }
    return i;
  };

  const fnIndex = new Map<string, number>();
  const fnName: number[] = [];
  const fnFile: number[] = [];
  const fnStart: number[] = [];
  const functionOf = (f: ParsedFrame): number => {
    const key = `${f.name}\u0000${f.file}`;
    let i = fnIndex.get(key);
    if (i === undefined) {
      i = fnName.length;
      fnName.push(str(f.name));
      fnFile.push(str(f.file));
      fnStart.push(spec.startLines?.[f.name] ?? 0);
      fnIndex.set(key, i);
    }
    return i;
  };

  const locIndex = new Map<string, number>();
  const lineStart: number[] = [0];
  const lineFunction: number[] = [];
  const lineNumber: number[] = [];
  const locationOf = (loc: LocationSpec): number => {
    const frames = typeof loc === 'string' ? (loc === '' ? [] : [loc]) : loc;
    const key = JSON.stringify(frames);
    let i = locIndex.get(key);
    if (i === undefined) {
      i = lineStart.length - 1;
      for (const text of frames) {
        const f = parseFrame(text);
        lineFunction.push(functionOf(f));
        lineNumber.push(f.line);
      }
      lineStart.push(lineFunction.length);
      locIndex.set(key, i);
    }
    return i;
  };

  const valueCount = spec.sampleTypes.length;
  const values: number[] = [];
  const stackStart: number[] = [0];
  const stackLocations: number[] = [];
  const labelStart: number[] = [0];
  const labelKey: number[] = [];
  const labelStr: number[] = [];
  const labelNum: number[] = [];
  const labelNumUnit: number[] = [];
  const exactValues = new Map<number, bigint>();
  for (const s of spec.samples) {
    if (s.values.length !== valueCount) throw new Error(`sample has ${s.values.length} values for ${valueCount} types`);
    for (const v of s.values) {
      if (typeof v === 'bigint' && !Number.isSafeInteger(Number(v))) exactValues.set(values.length, v);
      values.push(Number(v));
    }
    for (const loc of s.stack) stackLocations.push(locationOf(loc));
    stackStart.push(stackLocations.length);
    for (const [key, v] of Object.entries(s.labels ?? {})) {
      for (const one of typeof v === 'string' ? [v] : v) {
        labelKey.push(str(key));
        labelStr.push(str(one));
        labelNum.push(0);
        labelNumUnit.push(0);
      }
    }
    for (const [key, v] of Object.entries(s.numLabels ?? {})) {
      const [num, unit] = typeof v === 'number' ? [v, ''] : v;
      labelKey.push(str(key));
      labelStr.push(0);
      labelNum.push(num);
      labelNumUnit.push(str(unit));
    }
    labelStart.push(labelKey.length);
  }

  const sampleTypes: ValueType[] = spec.sampleTypes.map(([type, unit]) => ({ type, unit }));
  const defaultIndex = spec.defaultSampleType ? sampleTypes.findIndex((t) => t.type === spec.defaultSampleType) : -1;
  const mappings: Mapping[] = spec.binary
    ? [
        {
          id: 1,
          memoryStart: 0x400000,
          memoryLimit: 0x800000,
          fileOffset: 0,
          filename: spec.binary,
          buildId: '',
          hasFunctions: true,
          hasFilenames: true,
          hasLineNumbers: true,
          hasInlineFrames: true,
        },
      ]
    : [];
  const locationCount = lineStart.length - 1;
  return {
    strings,
    sampleTypes,
    defaultSampleTypeIndex: defaultIndex >= 0 ? defaultIndex : sampleTypes.length - 1,
    periodType: spec.periodType ? { type: spec.periodType[0], unit: spec.periodType[1] } : undefined,
    period: spec.period ?? 0,
    timeNanos: spec.timeNanos ?? 0,
    durationNanos: spec.durationNanos ?? 0,
    comments: spec.comments ?? [],
    dropFrames: spec.dropFrames ?? '',
    keepFrames: spec.keepFrames ?? '',
    mappings,
    functions: {
      count: fnName.length,
      id: Float64Array.from(fnName, (_, i) => i + 1),
      name: Int32Array.from(fnName),
      systemName: Int32Array.from(fnName),
      filename: Int32Array.from(fnFile),
      startLine: Float64Array.from(fnStart),
    },
    locations: {
      count: locationCount,
      id: Float64Array.from({ length: locationCount }, (_, i) => i + 1),
      mapping: new Int32Array(locationCount).fill(spec.binary ? 0 : -1),
      address: Float64Array.from({ length: locationCount }, (_, i) => 0x401000 + i * 16),
      isFolded: new Uint8Array(locationCount),
      lineStart: Int32Array.from(lineStart),
      lineFunction: Int32Array.from(lineFunction),
      lineNumber: Float64Array.from(lineNumber),
      lineColumn: new Float64Array(lineFunction.length),
    },
    samples: {
      count: spec.samples.length,
      valueCount,
      values: Float64Array.from(values),
      stackStart: Int32Array.from(stackStart),
      stackLocations: Int32Array.from(stackLocations),
      labelStart: Int32Array.from(labelStart),
      labelKey: Int32Array.from(labelKey),
      labelStr: Int32Array.from(labelStr),
      labelNum: Float64Array.from(labelNum),
      labelNumUnit: Int32Array.from(labelNumUnit),
      ...(exactValues.size > 0 ? { exactValues } : {}),
    },
  };
}

/**
 * Encodes a Profile as profile.proto bytes (uncompressed; pprof and our decoder read both), so a
 * hand-built profile can be given to the real `go tool pprof`.
 */
export function encodeProfile(p: Profile): Uint8Array {
  const { functions: fns, locations: locs, samples } = p;
  const strIndex = (s: string): number => {
    const i = p.strings.indexOf(s);
    if (i < 0) throw new Error(`string "${s}" is not in the string table`);
    return i;
  };
  const ref: Partial<RefProfile> = {
    stringTable: [...p.strings],
    sampleType: p.sampleTypes.map((t) => ({ type: addString(p, t.type), unit: addString(p, t.unit) })),
    defaultSampleType: p.defaultSampleTypeIndex >= 0 && p.defaultSampleTypeIndex < p.sampleTypes.length - 1
      ? strIndex(p.sampleTypes[p.defaultSampleTypeIndex]!.type)
      : 0,
    period: p.period,
    timeNanos: p.timeNanos,
    durationNanos: p.durationNanos,
    comment: p.comments.map((c) => addString(p, c)),
    dropFrames: p.dropFrames ? addString(p, p.dropFrames) : 0,
    keepFrames: p.keepFrames ? addString(p, p.keepFrames) : 0,
    mapping: p.mappings.map((m) => ({
      id: m.id,
      memoryStart: m.memoryStart,
      memoryLimit: m.memoryLimit,
      fileOffset: m.fileOffset,
      filename: addString(p, m.filename),
      buildId: addString(p, m.buildId),
      hasFunctions: m.hasFunctions,
      hasFilenames: m.hasFilenames,
      hasLineNumbers: m.hasLineNumbers,
      hasInlineFrames: m.hasInlineFrames,
    })),
    function: Array.from({ length: fns.count }, (_, f) => ({
      id: fns.id[f]!,
      name: fns.name[f]!,
      systemName: fns.systemName[f]!,
      filename: fns.filename[f]!,
      startLine: fns.startLine[f]!,
    })),
    location: Array.from({ length: locs.count }, (_, l) => ({
      id: locs.id[l]!,
      mappingId: locs.mapping[l]! >= 0 ? p.mappings[locs.mapping[l]!]!.id : 0,
      address: locs.address[l]!,
      isFolded: locs.isFolded[l] === 1,
      line: Array.from({ length: locs.lineStart[l + 1]! - locs.lineStart[l]! }, (_, k) => {
        const i = locs.lineStart[l]! + k;
        const fn = locs.lineFunction[i]!;
        return { functionId: fn >= 0 ? fns.id[fn]! : 0, line: locs.lineNumber[i]!, column: locs.lineColumn[i]! };
      }),
    })),
    sample: Array.from({ length: samples.count }, (_, s) => ({
      value: Array.from(samples.values.subarray(s * samples.valueCount, (s + 1) * samples.valueCount)),
      locationId: Array.from(samples.stackLocations.subarray(samples.stackStart[s]!, samples.stackStart[s + 1]!), (l) => locs.id[l]!),
      label: Array.from({ length: samples.labelStart[s + 1]! - samples.labelStart[s]! }, (_, k) => {
        const i = samples.labelStart[s]! + k;
        return { key: samples.labelKey[i]!, str: samples.labelStr[i]!, num: samples.labelNum[i]!, numUnit: samples.labelNumUnit[i]! };
      }),
    })),
  };
  if (p.periodType) ref.periodType = { type: addString(p, p.periodType.type), unit: addString(p, p.periodType.unit) };
  ref.stringTable = [...p.strings, ...(extraStrings.get(p) ?? [])];
  if (samples.exactValues === undefined) return encodeWithProtobufjs(ref);
  // protobufjs (without long) would round values past 2^53: samples are appended by hand (a
  // repeated field may come in any order), each value an exact int64 varint.
  const withoutSamples = encodeWithProtobufjs({ ...ref, sample: [] });
  const sampleBytes = ref.sample!.map((sample, s) => exactSample(sample, (t) => samples.exactValues?.get(s * samples.valueCount + t) ?? BigInt(sample.value[t]!)));
  return Uint8Array.from([...withoutSamples, ...sampleBytes.flat()]);
}

/** A Sample message (field 2 of Profile, with its key and length) whose values are written exactly. */
function exactSample(sample: RefSample, value: (t: number) => bigint): number[] {
  const body = [
    ...field(1, sample.locationId.flatMap((id) => varint(BigInt(id)))),
    ...field(2, sample.value.flatMap((_, t) => varint(value(t)))),
    ...sample.label.flatMap((l) => field(3, [8, ...varint(BigInt(l.key)), 16, ...varint(BigInt(l.str)), 24, ...varint(BigInt(l.num)), 32, ...varint(BigInt(l.numUnit))])),
  ];
  return field(2, body);
}

/** A length-delimited field. */
function field(number: number, body: readonly number[]): number[] {
  return [...varint(BigInt(number * 8 + 2)), ...varint(BigInt(body.length)), ...body];
}

/** A varint; negative values as 64-bit two's complement, like int64. */
function varint(value: bigint): number[] {
  const out: number[] = [];
  let v = BigInt.asUintN(64, value);
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}

const extraStrings = new WeakMap<Profile, string[]>();

/** The index of s in the profile's string table, appending it to the encoded table if absent. */
function addString(p: Profile, s: string): number {
  const i = p.strings.indexOf(s);
  if (i >= 0) return i;
  const extra = extraStrings.get(p) ?? [];
  extraStrings.set(p, extra);
  let j = extra.indexOf(s);
  if (j < 0) {
    extra.push(s);
    j = extra.length - 1;
  }
  return p.strings.length + j;
}
