/**
 * Takes the agent out of a profile before it is saved: every sample the agent caused (a
 * frame of its own, its pprof label, see agent-footprint.ts) is dropped, the user's renamed
 * main is named main.main again and the generated wrapper's frames are removed. Works on
 * profile.proto's wire format, so whatever it does not change passes through untouched;
 * locations and functions no kept sample uses are dropped and strings nothing refers to any
 * more are emptied (indexes stay valid), so no agent name is left in the file and
 * `go tool pprof` on it shows what the views show. Pure (no zlib here).
 */
import { AGENT_LABEL } from './agent-protocol';
import { frameRole, isAgentRoot, userMainName, type AgentFootprint, type FrameRole } from './agent-footprint';
import { fields, pushInts, Writer, type Field } from './proto-wire';

interface Fn {
  readonly nameIdx: number;
  readonly refs: number[];
}

interface Loc {
  /** Function id of each line, innermost first, and the raw line fields. */
  readonly lines: { functionId: number; field: Field }[];
}

interface Sample {
  readonly field: Field;
  readonly locationIds: number[];
  /** key, str, num_unit string indexes of each label. */
  readonly labels: [number, number, number][];
}

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
  const strings: Field[] = [];
  const functions = new Map<number, Fn>();
  const locations = new Map<number, Loc>();
  const samples: Sample[] = [];
  const used = new Set<number>([0]);
  for (const f of fields(raw)) {
    if (f.number === 6 && f.wireType === 2) strings.push(f);
    else if (f.number === 5 && f.wireType === 2) parseFunction(raw, f, functions);
    else if (f.number === 4 && f.wireType === 2) parseLocation(raw, f, locations);
    else if (f.number === 2 && f.wireType === 2) samples.push(parseSample(raw, f));
    else if (PASS_THROUGH_REFS[f.number] !== undefined) collectRefs(raw, f, used);
  }
  const text = (i: number): string => (strings[i] ? utf8.decode(raw.subarray(strings[i].start, strings[i].end)) : '');
  const roles = new Map<number, FrameRole>();
  for (const [id, fn] of functions) roles.set(id, frameRole(text(fn.nameIdx), footprint));
  const role = (functionId: number): FrameRole => roles.get(functionId) ?? 'program';
  const linesOf = (id: number): Loc['lines'] => locations.get(id)?.lines ?? [];
  /** A location entirely in the generated main (not one the user's main was inlined into). */
  const wrapperOnly = (id: number): boolean => linesOf(id).length > 0 && linesOf(id).every((l) => role(l.functionId) === 'wrapper');

  const labelKey = strings.findIndex((_, i) => text(i) === AGENT_LABEL.key);
  const labelValue = strings.findIndex((_, i) => text(i) === AGENT_LABEL.value);
  const dropped = (s: Sample): boolean => {
    if (labelKey > 0 && s.labels.some(([k, v]) => k === labelKey && v === labelValue)) return true;
    if (s.locationIds.some((id) => linesOf(id).some((l) => role(l.functionId) === 'agent'))) return true;
    // The generated main's own code (a leaf in it) is the agent's too.
    if (wrapperOnly(s.locationIds[0] ?? -1)) return true;
    return isAgentRoot(rootFunction(s.locationIds, locations, functions, text), footprint);
  };

  const kept = samples.filter((s) => !dropped(s));
  const keptLocations = new Set<number>();
  const editedStacks = new Map<Sample, number[]>();
  for (const s of kept) {
    const stack = s.locationIds.filter((id) => !wrapperOnly(id));
    if (stack.length !== s.locationIds.length) editedStacks.set(s, stack);
    for (const id of stack) keptLocations.add(id);
    for (const [k, v, unit] of s.labels) [k, v, unit].forEach((i) => used.add(i));
  }
  const keptFunctions = new Set<number>();
  for (const id of keptLocations) {
    for (const l of linesOf(id)) if (role(l.functionId) !== 'wrapper') keptFunctions.add(l.functionId);
  }
  const renamed = new Map<number, string>();
  for (const id of keptFunctions) {
    const fn = functions.get(id);
    if (!fn) continue;
    fn.refs.forEach((i) => used.add(i));
    if (role(id) === 'user-main') renamed.set(fn.nameIdx, userMainName(text(fn.nameIdx)));
  }

  const unchanged = kept.length === samples.length && editedStacks.size === 0 && renamed.size === 0 && keptLocations.size === locations.size;
  if (unchanged) return raw;

  const w = new Writer();
  let stringIndex = 0;
  let sampleIndex = 0;
  const keptSet = new Set(kept);
  for (const f of fields(raw)) {
    const whole = raw.subarray(f.rawStart, f.end);
    if (f.number === 2 && f.wireType === 2) {
      const s = samples[sampleIndex++]!;
      if (!keptSet.has(s)) continue;
      const stack = editedStacks.get(s);
      if (stack) w.lengthDelimited(2, rewriteSample(raw, f, stack));
      else w.bytes(whole);
    } else if (f.number === 4 && f.wireType === 2) {
      const id = locationId(raw, f);
      if (!keptLocations.has(id)) continue;
      const lines = linesOf(id);
      if (lines.some((l) => role(l.functionId) === 'wrapper')) w.lengthDelimited(4, withoutWrapperLines(raw, f, lines, role));
      else w.bytes(whole);
    } else if (f.number === 5 && f.wireType === 2) {
      if (keptFunctions.has(functionId(raw, f))) w.bytes(whole);
    } else if (f.number === 6 && f.wireType === 2) {
      const i = stringIndex++;
      const replacement = renamed.get(i);
      if (replacement !== undefined) w.lengthDelimited(6, utf8Encoder.encode(replacement));
      else if (used.has(i)) w.bytes(whole);
      else w.lengthDelimited(6, new Uint8Array(0));
    } else {
      w.bytes(whole);
    }
  }
  return w.finish();
}

function parseFunction(raw: Uint8Array, f: Field, out: Map<number, Fn>): void {
  let id = 0;
  let nameIdx = 0;
  const refs: number[] = [];
  for (const g of fields(raw, f.start, f.end)) {
    if (g.wireType !== 0) continue;
    if (g.number === 1) id = g.value;
    else if (g.number === 2) nameIdx = g.value;
    if (g.number >= 2 && g.number <= 4) refs.push(g.value);
  }
  out.set(id, { nameIdx, refs });
}

function parseLocation(raw: Uint8Array, f: Field, out: Map<number, Loc>): void {
  let id = 0;
  const lines: Loc['lines'] = [];
  for (const g of fields(raw, f.start, f.end)) {
    if (g.number === 1 && g.wireType === 0) id = g.value;
    else if (g.number === 4 && g.wireType === 2) {
      let functionId = 0;
      for (const h of fields(raw, g.start, g.end)) if (h.number === 1 && h.wireType === 0) functionId = h.value;
      lines.push({ functionId, field: g });
    }
  }
  out.set(id, { lines });
}

function parseSample(raw: Uint8Array, f: Field): Sample {
  const locationIds: number[] = [];
  const labels: [number, number, number][] = [];
  for (const g of fields(raw, f.start, f.end)) {
    if (g.number === 1) pushInts(raw, g, locationIds);
    else if (g.number === 3 && g.wireType === 2) {
      const label: [number, number, number] = [0, 0, 0];
      for (const h of fields(raw, g.start, g.end)) {
        if (h.wireType !== 0) continue;
        if (h.number === 1) label[0] = h.value;
        else if (h.number === 2) label[1] = h.value;
        else if (h.number === 4) label[2] = h.value;
      }
      labels.push(label);
    }
  }
  return { field: f, locationIds, labels };
}

/** String indexes used by a field that passes through unchanged. */
function collectRefs(raw: Uint8Array, f: Field, used: Set<number>): void {
  const kind = PASS_THROUGH_REFS[f.number];
  if (kind === 'int' && f.wireType === 0) used.add(f.value);
  else if (kind === 'ints') {
    const values: number[] = [];
    pushInts(raw, f, values);
    values.forEach((v) => used.add(v));
  } else if (kind === 'message' && f.wireType === 2) {
    const wanted = MESSAGE_STRING_FIELDS[f.number] ?? [];
    for (const g of fields(raw, f.start, f.end)) if (g.wireType === 0 && wanted.includes(g.number)) used.add(g.value);
  }
}

function idField(raw: Uint8Array, f: Field): number {
  for (const g of fields(raw, f.start, f.end)) if (g.number === 1 && g.wireType === 0) return g.value;
  return 0;
}
const locationId = idField;
const functionId = idField;

/** The outermost frame's function name, runtime.goexit skipped. */
function rootFunction(ids: readonly number[], locations: Map<number, Loc>, functions: Map<number, Fn>, text: (i: number) => string): string | undefined {
  for (let i = ids.length - 1; i >= 0; i--) {
    const lines = locations.get(ids[i]!)?.lines ?? [];
    for (let j = lines.length - 1; j >= 0; j--) {
      const fn = functions.get(lines[j]!.functionId);
      const name = fn ? text(fn.nameIdx) : '';
      if (name !== 'runtime.goexit') return name;
    }
  }
  return undefined;
}

/** The sample with `stack` as its location ids; values and labels as they were. */
function rewriteSample(raw: Uint8Array, f: Field, stack: readonly number[]): Uint8Array {
  const w = new Writer();
  w.packed(1, stack);
  for (const g of fields(raw, f.start, f.end)) if (g.number !== 1) w.bytes(raw.subarray(g.rawStart, g.end));
  return w.finish();
}

/** The location without the lines of the generated main (inlined into it or not). */
function withoutWrapperLines(raw: Uint8Array, f: Field, lines: Loc['lines'], role: (id: number) => FrameRole): Uint8Array {
  const drop = new Set(lines.filter((l) => role(l.functionId) === 'wrapper').map((l) => l.field.rawStart));
  const w = new Writer();
  for (const g of fields(raw, f.start, f.end)) if (!(g.number === 4 && drop.has(g.rawStart))) w.bytes(raw.subarray(g.rawStart, g.end));
  return w.finish();
}
