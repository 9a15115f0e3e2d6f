/**
 * Takes the agent out of a profile before it is saved: every sample the agent caused (a
 * frame of its own, its pprof label, see agent-footprint.ts) is dropped. Works on
 * profile.proto's wire format, so whatever it does not change passes through untouched;
 * locations and functions no kept sample uses are dropped and strings nothing refers to any
 * more are emptied (indexes stay valid), so no agent name is left in the file and
 * `go tool pprof` on it shows what the views show. A profile with nothing of the agent is
 * returned as it came, after one pass over its functions. Pure (no zlib here).
 */
import { AGENT_LABEL } from './agent-protocol';
import { isAgentFunction, isAgentRoot, type AgentFootprint } from './agent-footprint';
import { forEachField, pushPacked, toSigned } from './proto-wire';
import { Writer } from '../pprof/proto-writer';

interface Fn {
  readonly nameIdx: number;
  /** name, system_name and filename string indexes. */
  readonly refs: number[];
}


interface Sample {
  readonly locationIds: number[];
  /** key, str, num_unit string indexes of each label. */
  readonly labels: [number, number, number][];
}

/** Top-level fields other than samples, locations, functions and strings that name strings. */
const PASS_THROUGH_REFS: Readonly<Record<number, 'message' | 'int' | 'ints'>> = {
  1: 'message', // sample_type: type, unit
  3: 'message', // mapping: filename, build_id
  7: 'int', // drop_frames
  8: 'int', // keep_frames
  11: 'message', // period_type
  13: 'ints', // comment
  14: 'int', // default_sample_type
  15: 'int', // doc_url
};
/** String fields of the messages above: ValueType type/unit, Mapping filename/build_id. */
const MESSAGE_STRING_FIELDS: Readonly<Record<number, readonly number[]>> = { 1: [1, 2], 3: [5, 6], 11: [1, 2] };


const utf8 = new TextDecoder();
const utf8Encoder = new TextEncoder();

/** Uncompressed profile.proto bytes without the agent. Throws on malformed input. */
export function stripAgent(raw: Uint8Array, footprint: AgentFootprint): Uint8Array {
  const strStart: number[] = [];
  const strEnd: number[] = [];
  const functions = new Map<number, Fn>();
  /** The function id of each line of each location. */
  const locations = new Map<number, number[]>();
  const sampleStart: number[] = [];
  const sampleEnd: number[] = [];
  const used = new Set<number>([0]);
  forEachField(raw, 0, raw.length, (number, wireType, value, start, end) => {
    if (wireType === 2 && number === 6) {
      strStart.push(start);
      strEnd.push(end);
    } else if (wireType === 2 && number === 5) parseFunction(raw, start, end, functions);
    else if (wireType === 2 && number === 4) parseLocation(raw, start, end, locations);
    else if (wireType === 2 && number === 2) {
      sampleStart.push(start);
      sampleEnd.push(end);
    } else collectRefs(raw, number, wireType, value, start, end, used);
  });
  const text = (i: number): string => (i < strStart.length ? utf8.decode(raw.subarray(strStart[i], strEnd[i])) : '');
  const names = new Map<number, string>();
  const agentFunctions = new Set<number>();
  for (const [id, fn] of functions) {
    const name = text(fn.nameIdx);
    names.set(id, name);
    if (isAgentFunction(name, footprint)) agentFunctions.add(id);
  }
  const labelKey = indexOfString(raw, strStart, strEnd, AGENT_LABEL.key);
  const labelValue = indexOfString(raw, strStart, strEnd, AGENT_LABEL.value);
  const agentRoots = [...names.values()].some((name) => isAgentRoot(name, footprint));
  // Most profiles of a program hold nothing of the agent: keep their bytes as they are.
  if (labelKey <= 0 && !agentRoots && agentFunctions.size === 0) return raw;

  const agentLocations = new IdTable(locations.keys());
  for (const [id, lines] of locations) if (lines.some((f) => agentFunctions.has(f))) agentLocations.set(id, 1);
  /** The outermost frame's function (runtime.goexit skipped) is a goroutine the agent started. */
  const agentRoot = (ids: readonly number[]): boolean => {
    for (let i = ids.length - 1; i >= 0; i--) {
      const lines = locations.get(ids[i]!) ?? [];
      for (let j = lines.length - 1; j >= 0; j--) {
        const name = names.get(lines[j]!) ?? '';
        if (name !== 'runtime.goexit') return isAgentRoot(name, footprint);
      }
    }
    return false;
  };
  const dropped = (s: Sample): boolean => {
    if (labelKey > 0 && s.labels.some(([k, v]) => k === labelKey && v === labelValue)) return true;
    for (const id of s.locationIds) if (agentLocations.get(id)) return true;
    return agentRoots && agentRoot(s.locationIds);
  };

  const kept = new Uint8Array(sampleStart.length);
  const keptLocations = new IdTable(locations.keys());
  const scratch: Sample = { locationIds: [], labels: [] };
  for (let index = 0; index < sampleStart.length; index++) {
    const s = parseSample(raw, sampleStart[index]!, sampleEnd[index]!, scratch);
    if (dropped(s)) continue;
    kept[index] = 1;
    for (const id of s.locationIds) keptLocations.set(id, 1);
    for (const [k, v, unit] of s.labels) used.add(k).add(v).add(unit);
  }
  const keptFunctions = new Set<number>();
  for (const [id, lines] of locations) if (keptLocations.get(id)) for (const f of lines) keptFunctions.add(f);
  for (const id of keptFunctions) for (const i of functions.get(id)?.refs ?? []) used.add(i);

  const w = new Writer();
  let stringIndex = 0;
  let sampleIndex = 0;
  forEachField(raw, 0, raw.length, (number, wireType, _value, start, end, rawStart) => {
    const whole = (): Uint8Array => raw.subarray(rawStart, end);
    if (wireType === 2 && number === 2) {
      if (kept[sampleIndex++]) w.bytes(whole());
    } else if (wireType === 2 && number === 4) {
      if (keptLocations.get(idOf(raw, start, end))) w.bytes(whole());
    } else if (wireType === 2 && number === 5) {
      if (keptFunctions.has(idOf(raw, start, end))) w.bytes(whole());
    } else if (wireType === 2 && number === 6) {
      if (used.has(stringIndex++)) w.bytes(whole());
      else w.lengthDelimited(6, new Uint8Array(0));
    } else {
      w.bytes(whole());
    }
  });
  return w.finish();
}

/**
 * Small numbers by location id: a typed array when the ids are dense (the Go runtime numbers
 * locations 1, 2, 3, …), a Map otherwise. Millions of samples look ids up.
 */
class IdTable {
  private readonly dense: Uint8Array | undefined;
  private readonly sparse = new Map<number, number>();

  constructor(ids: Iterable<number>) {
    let max = 0;
    let count = 0;
    for (const id of ids) {
      max = Math.max(max, id);
      count++;
    }
    this.dense = Number.isSafeInteger(max) && max <= 4 * count + 1024 ? new Uint8Array(max + 1) : undefined;
  }

  get(id: number): number {
    return this.dense ? (id >= 0 && id < this.dense.length ? this.dense[id]! : 0) : (this.sparse.get(id) ?? 0);
  }

  set(id: number, value: number): void {
    if (!this.dense) this.sparse.set(id, value);
    else if (id >= 0 && id < this.dense.length) this.dense[id] = value;
  }
}

/** Index of the string table entry equal to `text`, or -1. */
function indexOfString(raw: Uint8Array, starts: readonly number[], ends: readonly number[], text: string): number {
  const want = utf8Encoder.encode(text);
  next: for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    if (ends[i]! - start !== want.length) continue;
    for (let j = 0; j < want.length; j++) if (raw[start + j] !== want[j]) continue next;
    return i;
  }
  return -1;
}

function parseFunction(raw: Uint8Array, from: number, to: number, out: Map<number, Fn>): void {
  let id = 0;
  let nameIdx = 0;
  const refs: number[] = [];
  forEachField(raw, from, to, (number, wireType, value) => {
    if (wireType !== 0) return;
    if (number === 1) id = value;
    else if (number === 2) nameIdx = value;
    if (number >= 2 && number <= 4) refs.push(value);
  });
  out.set(id, { nameIdx, refs });
}

function parseLocation(raw: Uint8Array, from: number, to: number, out: Map<number, number[]>): void {
  let id = 0;
  const lines: number[] = [];
  forEachField(raw, from, to, (number, wireType, value, start, end) => {
    if (number === 1 && wireType === 0) id = value;
    else if (number === 4 && wireType === 2) {
      let functionId = 0;
      forEachField(raw, start, end, (n, t, v) => {
        if (n === 1 && t === 0) functionId = v;
      });
      lines.push(functionId);
    }
  });
  out.set(id, lines);
}

/** The sample's location ids and labels, in `into` (reused: millions of samples). */
function parseSample(raw: Uint8Array, from: number, to: number, into: Sample): Sample {
  const { locationIds, labels } = into;
  locationIds.length = 0;
  labels.length = 0;
  forEachField(raw, from, to, (number, wireType, value, start, end) => {
    if (number === 1) {
      if (wireType === 2) pushPacked(raw, start, end, locationIds);
      else if (wireType === 0) locationIds.push(toSigned(value));
    } else if (number === 3 && wireType === 2) {
      const label: [number, number, number] = [0, 0, 0];
      forEachField(raw, start, end, (n, t, v) => {
        if (t !== 0) return;
        if (n === 1) label[0] = v;
        else if (n === 2) label[1] = v;
        else if (n === 4) label[2] = v;
      });
      labels.push(label);
    }
  });
  return into;
}

/** String indexes used by a top-level field that passes through unchanged. */
function collectRefs(raw: Uint8Array, number: number, wireType: number, value: number, start: number, end: number, used: Set<number>): void {
  const kind = PASS_THROUGH_REFS[number];
  if (kind === 'int' && wireType === 0) used.add(value);
  else if (kind === 'ints') {
    if (wireType === 0) used.add(toSigned(value));
    else if (wireType === 2) {
      const values: number[] = [];
      pushPacked(raw, start, end, values);
      for (const v of values) used.add(v);
    }
  } else if (kind === 'message' && wireType === 2) {
    const wanted = MESSAGE_STRING_FIELDS[number] ?? [];
    forEachField(raw, start, end, (n, t, v) => {
      if (t === 0 && wanted.includes(n)) used.add(v);
    });
  }
}

/** The id (field 1) of a location or function message. */
function idOf(raw: Uint8Array, from: number, to: number): number {
  let id = 0;
  forEachField(raw, from, to, (number, wireType, value) => {
    if (number === 1 && wireType === 0) id = value;
  });
  return id;
}
