/**
 * `go tool pprof -traces` as the bytes it prints, straight from the samples (issue 14: the CLI's
 * `traces` on a big profile). When no filter drops or hides a location and no transform is set,
 * a sample's trace is the lines of its locations in order: each location's lines are encoded
 * once into a block, and a trace is its blocks copied, the first with the value written over its
 * blank column. No stack of frames is made per sample (buildStacks' 500k-frame expansion of
 * large.cpu) and no string per trace line.
 */
import type { Profile, ProfileMetadata, SampleTable, ValueType } from '../pprof/profile';
import type { ReportOptions } from './options';
import { combinedTagTest, StackWalk } from './stack-walk';
import { uniqueStacksOf } from '../pprof/stack-interner';
import { withLabelFrames } from './label-frames';
import { computeTotal, diffBaseSamples } from './total';
import { sumsAreExact } from './exact-values';
import { printable, type Controls } from './printable';
import { printableName } from './frames';
import { withShortNames } from './short-names';
import { labelLines, sampleLabels, TRACE_SEPARATOR, ValueColumn } from './traces';
import { encodeLines } from './text-lines';
import { TraceWriter, VALUE_WIDTH, type LocationBlockBytes } from './trace-writer';

/** A frame line below a trace's first starts with pprof's "%10s   " of an empty value. */
const INDENT = VALUE_WIDTH + 3;
const INLINE = ' (inline)';
const SPACE = 0x20;
const NEWLINE = 0x0a;

/**
 * The bytes of -traces (formatStacksAsTracesBytes of buildStacks' per-sample stacks), the header
 * first (`header` of the chosen sample type and the report's total); undefined when a filter,
 * transform, diff base or value past 2^53 needs the general path. `controls`: printable.ts.
 */
export function tracesBytes(
  original: Profile,
  options: ReportOptions,
  header: (sampleType: ValueType, total: number) => readonly string[],
  controls: Controls = 'escape',
): Uint8Array | undefined {
  const profile = withLabelFrames(original, options);
  const walk = new StackWalk(profile, options, combinedTagTest(profile, options));
  const type = walk.sampleTypeIndex;
  if (!walk.keepsEveryLocation() || !sumsAreExact(profile, type) || diffBaseSamples(profile) !== undefined) return undefined;
  const { samples } = profile;
  walk.checkFrameBudget(samples, true, true, options.frameBudget);
  const kept = keptSamples(samples, walk);
  // At functions granularity with every line kept, a location's frames are its functions' names.
  const plain = (options.granularity ?? 'functions') === 'functions' && !options.noInlines;
  const blocks = new LocationBlocks(plain ? functionFrames(options.shortNames ? withShortNames(profile) : profile) : walkFrames(walk, samples, kept), controls);
  // Stacks read through the unique stacks: the per-sample layout is not expanded (decoded-samples.ts).
  const { ofSample, start: stackStart, locations: stackLocations } = uniqueStacksOf(samples);
  const { values, valueCount } = samples;
  const out = new TraceWriter(blocks, expectedTextBytes(samples.count, stackStart, blocks));
  out.text(header(walk.sampleType, computeTotal(profile, type)).join('\n'), true);
  const column = new ValueColumn(walk.sampleType.unit, controls);
  const labelStart = samples.labelStart;
  for (let s = 0; s < samples.count; s++) {
    const u = ofSample[s]!;
    const lo = stackStart[u]!;
    const hi = stackStart[u + 1]!;
    if (kept[s] === 0 || lo === hi) continue;
    const value = values[s * valueCount + type]!;
    if (labelStart[s] === labelStart[s + 1]) out.opening(value, column);
    else {
      out.separator();
      const { labels, numLabels } = sampleLabels(profile, s);
      for (const line of labelLines(labels, numLabels, controls)) out.text(line, true);
      out.text(column.of(value, undefined), false);
    }
    out.trace(stackLocations, lo, hi);
  }
  out.separator();
  return out.finish();
}

/**
 * A guess at the size of the text: per sample a separator and the average stack's depth of the
 * average block. Too much costs nothing (pages never written take no memory), too little a copy
 * as the buffer doubles.
 */
function expectedTextBytes(sampleCount: number, stackStart: Int32Array, blocks: LocationBlocks): number {
  const stacks = stackStart.length - 1;
  const depth = stacks > 0 ? stackStart[stacks]! / stacks : 0;
  const block = blocks.start.length > 0 ? blocks.bytes.length / blocks.start.length : 0;
  return Math.min(1 << 30, Math.ceil(1.25 * sampleCount * (TRACE_SEPARATOR.length + 1 + depth * block)) + 4096);
}

/** 1 for each sample -traces lists (zero values included; tagfocus/tagignore applied). */
function keptSamples(samples: SampleTable, walk: StackWalk): Uint8Array {
  const kept = new Uint8Array(samples.count);
  const test = walk.sampleTagTest;
  for (let s = 0; s < samples.count; s++) kept[s] = !test || test(s) ? 1 : 0;
  return kept;
}

/**
 * Each location's frames, innermost first: location l's are frames[frameRange[2l] ..
 * frameRange[2l + 1] - 1] (-1, -1 when not resolved), each an index into `names`.
 */
interface FrameTable {
  readonly frameRange: Int32Array;
  readonly frames: Int32Array;
  readonly inlined: Uint8Array;
  readonly names: readonly string[];
}

/** The kept samples' locations as the walk resolves them into frames (any granularity). */
function walkFrames(walk: StackWalk, samples: SampleTable, kept: Uint8Array): FrameTable {
  const unique = uniqueStacksOf(samples);
  const order = new Int32Array(samples.count);
  let n = 0;
  for (let s = 0; s < samples.count; s++) if (kept[s] === 1) order[n++] = unique.ofSample[s]!;
  walk.resolveLocations(unique, order.subarray(0, n));
  return { ...walk.locationTable(), names: walk.finish().map((f) => f.name) };
}

/**
 * Every location's frames at functions granularity when no filter drops a line: each line is
 * its function's name (FrameInterner.lineFrame with only the function name kept: a nameless
 * function or a location without lines is named after its binary, printableName). The same
 * names as walkFrames without a frame object, identity string and map entry per location: that
 * was a third of `traces` on large.cpu (23k locations).
 */
function functionFrames(profile: ProfileMetadata): FrameTable {
  const { locations, functions, strings, mappings } = profile;
  const { lineStart, lineFunction } = locations;
  const count = locations.count;
  const frameRange = new Int32Array(2 * count);
  const frames = new Int32Array(lineStart[count]! + count);
  const inlined = new Uint8Array(frames.length);
  const names: string[] = [];
  const ofFunction = new Int32Array(functions.count).fill(-1);
  const ofBinary = new Map<string, number>();
  const binaryName = (loc: number): number => {
    const name = printableName('', '', 0, mappings[locations.mapping[loc]!]?.filename ?? '');
    let id = ofBinary.get(name);
    if (id === undefined) {
      id = names.push(name) - 1;
      ofBinary.set(name, id);
    }
    return id;
  };
  let at = 0;
  for (let loc = 0; loc < count; loc++) {
    frameRange[2 * loc] = at;
    const lo = lineStart[loc]!;
    const hi = lineStart[loc + 1]!;
    if (lo === hi) frames[at++] = binaryName(loc);
    for (let i = lo; i < hi; i++) {
      const fn = lineFunction[i]!;
      let id = fn >= 0 ? ofFunction[fn]! : -1;
      if (id < 0) {
        const name = fn >= 0 ? (strings[functions.name[fn]!] ?? '') : '';
        if (name === '') id = binaryName(loc);
        else ofFunction[fn] = id = names.push(name) - 1;
      }
      inlined[at] = i < hi - 1 ? 1 : 0;
      frames[at++] = id;
    }
    frameRange[2 * loc + 1] = at;
  }
  return { frameRange, frames, inlined, names };
}

/** Each location's trace lines as bytes: location l's are bytes[start[l] .. end[l] - 1]. */
class LocationBlocks implements LocationBlockBytes {
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly bytes: Uint8Array;

  constructor({ frameRange, frames, inlined, names }: FrameTable, controls: Controls) {
    const count = frameRange.length / 2;
    this.start = new Int32Array(count);
    this.end = new Int32Array(count);
    const encoded = encodeLines(names.map((name) => printable(name, controls)));
    this.bytes = this.encode(encoded.bytes, encoded.start, frameRange, frames, inlined);
  }

  /** Lays the blocks out: per frame of a resolved location, the indent, its name, " (inline)" when inlined, "\n". */
  private encode(names: Uint8Array, nameStart: Int32Array, frameRange: Int32Array, frames: Int32Array, inlined: Uint8Array): Uint8Array {
    const { start, end } = this;
    const nameLength = (f: number): number => nameStart[f + 1]! - 1 - nameStart[f]!;
    let size = 0;
    for (let loc = 0; loc < start.length; loc++) {
      for (let i = frameRange[2 * loc]!; i < frameRange[2 * loc + 1]!; i++) size += INDENT + nameLength(frames[i]!) + (inlined[i] ? INLINE.length : 0) + 1;
    }
    const out = new Uint8Array(size).fill(SPACE);
    const inline = Uint8Array.from(INLINE, (c) => c.charCodeAt(0));
    let at = 0;
    for (let loc = 0; loc < start.length; loc++) {
      start[loc] = at;
      // An unresolved location's range is (-1, -1): no sample kept uses it.
      for (let i = frameRange[2 * loc]!; i < frameRange[2 * loc + 1]!; i++) {
        const f = frames[i]!;
        at += INDENT;
        out.set(names.subarray(nameStart[f]!, nameStart[f]! + nameLength(f)), at);
        at += nameLength(f);
        if (inlined[i]) {
          out.set(inline, at);
          at += inline.length;
        }
        out[at++] = NEWLINE;
      }
      end[loc] = at;
    }
    return out;
  }
}
