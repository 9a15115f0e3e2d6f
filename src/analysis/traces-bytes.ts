/**
 * `go tool pprof -traces` as the bytes it prints, straight from the samples (issue 14: the CLI's
 * `traces` on a big profile). When no filter drops or hides a location and no transform is set,
 * a sample's trace is the lines of its locations in order: each location's lines are encoded
 * once into a block, and a trace is its blocks copied, the first with the value written over its
 * blank column. No stack of frames is made per sample (buildStacks' 500k-frame expansion of
 * large.cpu) and no string per trace line.
 */
import type { Profile, SampleTable, ValueType } from '../pprof/profile';
import type { ReportOptions } from './options';
import { combinedTagTest, StackWalk, type StackVisitor } from './stack-walk';
import { withLabelFrames } from './label-frames';
import { computeTotal, diffBaseSamples } from './total';
import { sumsAreExact } from './exact-values';
import { printable } from './printable';
import { labelLines, sampleLabels, TRACE_SEPARATOR, ValueColumn } from './traces';
import { ByteWriter, encodeLines } from './text-lines';

/** A frame line below a trace's first starts with pprof's "%10s   " of an empty value. */
const VALUE_WIDTH = 10;
const INDENT = VALUE_WIDTH + 3;
const INLINE = ' (inline)';
const SPACE = 0x20;
const NEWLINE = 0x0a;

/**
 * The bytes of -traces (formatStacksAsTracesBytes of buildStacks' per-sample stacks), the header
 * first (`header` of the chosen sample type and the report's total); undefined when a filter,
 * transform, diff base or value past 2^53 needs the general path.
 */
export function tracesBytes(
  original: Profile,
  options: ReportOptions,
  header: (sampleType: ValueType, total: number) => readonly string[],
): Uint8Array | undefined {
  const profile = withLabelFrames(original, options);
  const walk = new StackWalk(profile, options, combinedTagTest(profile, options));
  const type = walk.sampleTypeIndex;
  if (!walk.keepsEveryLocation() || !sumsAreExact(profile, type) || diffBaseSamples(profile) !== undefined) return undefined;
  const { samples } = profile;
  walk.checkFrameBudget(samples, true, true, options.frameBudget);
  const kept = keptSamples(samples, walk);
  const blocks = new LocationBlocks(walk, samples, kept, profile.locations.count);
  const { stackStart, stackLocations, values, valueCount } = samples;
  const out = new ByteWriter(blocks.size(stackStart, stackLocations, kept) + (TRACE_SEPARATOR.length + 1) * (samples.count + 1) + 4096);
  out.text(header(walk.sampleType, computeTotal(profile, type)).join('\n'), true);
  const column = new ValueColumn(walk.sampleType.unit);
  const { bytes, start, end } = blocks;
  for (let s = 0; s < samples.count; s++) {
    const lo = stackStart[s]!;
    const hi = stackStart[s + 1]!;
    if (kept[s] === 0 || lo === hi) continue;
    out.text(TRACE_SEPARATOR, true);
    if (samples.labelStart[s] !== samples.labelStart[s + 1]) {
      const { labels, numLabels } = sampleLabels(profile, s);
      for (const line of labelLines(labels, numLabels)) out.text(line, true);
    }
    out.text(column.of(values[s * valueCount + type]!, undefined), false);
    const leaf = stackLocations[lo]!;
    out.copy(bytes, start[leaf]! + VALUE_WIDTH, end[leaf]!);
    for (let k = lo + 1; k < hi; k++) {
      const loc = stackLocations[k]!;
      out.copy(bytes, start[loc]!, end[loc]!);
    }
  }
  out.text(TRACE_SEPARATOR, true);
  return out.finish();
}

/** 1 for each sample -traces lists (zero values included; tagfocus/tagignore applied). */
function keptSamples(samples: SampleTable, walk: StackWalk): Uint8Array {
  const kept = new Uint8Array(samples.count);
  const test = walk.sampleTagTest;
  for (let s = 0; s < samples.count; s++) kept[s] = !test || test(s) ? 1 : 0;
  return kept;
}

/** Each location's trace lines as bytes: location l's are bytes[start[l] .. end[l] - 1]. */
class LocationBlocks implements StackVisitor {
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly bytes: Uint8Array;
  /** While walking: each location's frames as a range of `frames` / `inlined`. */
  private readonly frames: number[] = [];
  private readonly inlined: number[] = [];

  constructor(walk: StackWalk, samples: SampleTable, kept: Uint8Array, locationCount: number) {
    this.start = new Int32Array(locationCount);
    this.end = new Int32Array(locationCount);
    // Frame ranges first (the walk resolves each location's frames through the filters' and
    // granularity's rules), bytes once the frames' names are settled.
    const used = usedLocations(samples, kept, locationCount);
    const one = new Int32Array(1);
    for (let loc = 0; loc < locationCount; loc++) {
      if (used[loc] === 0) continue;
      one[0] = loc;
      this.start[loc] = this.frames.length;
      walk.visit(one, 0, 1, 0, 0, 0, this);
      this.end[loc] = this.frames.length;
    }
    const names = encodeLines(walk.finish().map((f) => printable(f.name)));
    this.bytes = this.encode(names.bytes, names.start, used);
  }

  add(frames: Int32Array, inlined: Uint8Array, length: number): void {
    for (let i = 0; i < length; i++) {
      this.frames.push(frames[i]!);
      this.inlined.push(inlined[i]!);
    }
  }

  /** Bytes of the kept samples' blocks, the trace text's size but for separators, labels and values. */
  size(stackStart: Int32Array, stackLocations: Int32Array, kept: Uint8Array): number {
    let n = 0;
    for (let s = 0; s < kept.length; s++) {
      if (kept[s] === 0) continue;
      for (let k = stackStart[s]!; k < stackStart[s + 1]!; k++) n += this.end[stackLocations[k]!]! - this.start[stackLocations[k]!]!;
    }
    return n;
  }

  /** Lays the blocks out (start / end become byte offsets): per frame, the indent, its name, " (inline)" when inlined, "\n". */
  private encode(names: Uint8Array, nameStart: Int32Array, used: Uint8Array): Uint8Array {
    const { frames, inlined, start, end } = this;
    let size = 0;
    for (let i = 0; i < frames.length; i++) size += INDENT + nameStart[frames[i]! + 1]! - nameStart[frames[i]!]! + (inlined[i] ? INLINE.length : 0);
    const out = new Uint8Array(size).fill(SPACE);
    const inline = Uint8Array.from(INLINE, (c) => c.charCodeAt(0));
    let at = 0;
    for (let loc = 0; loc < used.length; loc++) {
      if (used[loc] === 0) continue;
      const first = start[loc]!;
      start[loc] = at;
      for (let i = first; i < end[loc]!; i++) {
        at += INDENT;
        // The name's bytes without their "\n".
        const f = frames[i]!;
        out.set(names.subarray(nameStart[f]!, nameStart[f + 1]! - 1), at);
        at += nameStart[f + 1]! - 1 - nameStart[f]!;
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

/** 1 for each location in a kept sample's stack. */
function usedLocations(samples: SampleTable, kept: Uint8Array, locationCount: number): Uint8Array {
  const used = new Uint8Array(locationCount);
  const { stackStart, stackLocations } = samples;
  for (let s = 0; s < samples.count; s++) {
    if (kept[s] === 0) continue;
    for (let k = stackStart[s]!; k < stackStart[s + 1]!; k++) used[stackLocations[k]!] = 1;
  }
  return used;
}
