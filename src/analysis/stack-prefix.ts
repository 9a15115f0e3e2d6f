/**
 * The samples under one flame graph frame: those whose root-first stack of printable names
 * (after the report's filters, at its granularity) starts with the zoomed frame's path. That
 * is exactly the zoomed subtree of the flame graph, recursion included, which a `-focus`
 * regexp of the same names is not (it also keeps stacks where the names appear deeper). Pure.
 */
import type { Profile, SampleTable } from '../pprof/profile';
import type { ReportOptions } from './options';
import { buildStacks } from './stacks';

/** Per sample of `profile`, 1 when its filtered root-first stack starts with `path`. */
export function samplesUnderPath(profile: Profile, options: ReportOptions, path: readonly string[]): Uint8Array {
  const keep = new Uint8Array(profile.samples.count);
  const stacks = buildStacks(profile, options, { mergeStacks: false });
  const names = stacks.frames.map((f) => f.name);
  for (let k = 0; k < stacks.count; k++) {
    const start = stacks.stackStart[k]!;
    const end = stacks.stackStart[k + 1]!;
    if (end - start < path.length) continue;
    let i = 0;
    // stackFrames is leaf first: the root is at end - 1.
    while (i < path.length && names[stacks.stackFrames[end - 1 - i]!] === path[i]) i++;
    if (i === path.length) keep[stacks.sampleIndexes[k]!] = 1;
  }
  return keep;
}

/** The profile with only the samples marked in `keep` (locations, functions and labels shared). */
export function profileWithSamples(profile: Profile, keep: Uint8Array): Profile {
  const s = profile.samples;
  const n = s.valueCount;
  let count = 0;
  let locations = 0;
  let labels = 0;
  for (let i = 0; i < s.count; i++) {
    if (!keep[i]) continue;
    count++;
    locations += s.stackStart[i + 1]! - s.stackStart[i]!;
    labels += s.labelStart[i + 1]! - s.labelStart[i]!;
  }
  const values = new Float64Array(count * n);
  const stackStart = new Int32Array(count + 1);
  const stackLocations = new Int32Array(locations);
  const labelStart = new Int32Array(count + 1);
  const labelKey = new Int32Array(labels);
  const labelStr = new Int32Array(labels);
  const labelNum = new Float64Array(labels);
  const labelNumUnit = new Int32Array(labels);
  let j = 0;
  for (let i = 0; i < s.count; i++) {
    if (!keep[i]) continue;
    values.set(s.values.subarray(i * n, (i + 1) * n), j * n);
    const l0 = s.stackStart[i]!;
    const l1 = s.stackStart[i + 1]!;
    stackLocations.set(s.stackLocations.subarray(l0, l1), stackStart[j]!);
    stackStart[j + 1] = stackStart[j]! + (l1 - l0);
    const b0 = s.labelStart[i]!;
    const b1 = s.labelStart[i + 1]!;
    const at = labelStart[j]!;
    labelKey.set(s.labelKey.subarray(b0, b1), at);
    labelStr.set(s.labelStr.subarray(b0, b1), at);
    labelNum.set(s.labelNum.subarray(b0, b1), at);
    labelNumUnit.set(s.labelNumUnit.subarray(b0, b1), at);
    labelStart[j + 1] = at + (b1 - b0);
    j++;
  }
  const samples: SampleTable = { count, valueCount: n, values, stackStart, stackLocations, labelStart, labelKey, labelStr, labelNum, labelNumUnit };
  return { ...profile, samples };
}
