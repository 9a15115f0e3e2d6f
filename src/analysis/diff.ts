import type { Mapping, Profile } from '../pprof/profile';
import { OptionError } from '../shared/option-error';
import { exactValue, sumsAreExact } from './exact-values';
import { DIFF_BASE_LABEL_KEY, DIFF_BASE_LABEL_VALUE } from './total';

/**
 * Comparing two profiles, as `go tool pprof` does it:
 * - 'base' (-base): the base's values are negated and merged into the current profile, so
 *   every report shows current minus base; the total is the sum of |merged sample values|.
 * - 'diff_base' (-diff_base): the same, but base samples carry the label pprof::base=true, so
 *   they never merge with current samples, and reports take their total from the base
 *   samples alone (percentages are relative to the base profile).
 * The result is an ordinary Profile: give it to buildStacks, topTable, lineCosts...
 * Samples are merged by (locations, labels) and all-zero samples dropped, like pprof's Merge;
 * locations match across profiles by binary, address within the binary and lines.
 */
export type DiffMode = 'base' | 'diff_base';

export function mergeForDiff(current: Profile, base: Profile, mode: DiffMode): Profile {
  checkCompatible(current, base);
  // Past 2^53 the merged values are also added up exactly (see exact-values.ts).
  const exact = [current, base].some((p) => p.sampleTypes.some((_, t) => !sumsAreExact(p, t)));
  const m = new ProfileMerger(exact);
  m.add(current, 1, false);
  m.add(base, -1, mode === 'diff_base');
  return m.finish(current, base);
}

function checkCompatible(a: Profile, b: Profile): void {
  const vt = (t: { type: string; unit: string } | undefined): string => (t ? `${t.type}/${t.unit}` : '');
  if (vt(a.periodType) !== vt(b.periodType)) {
    throw new OptionError(`incompatible period types ${vt(a.periodType)} and ${vt(b.periodType)}`);
  }
  const ta = a.sampleTypes.map(vt).join(' ');
  const tb = b.sampleTypes.map(vt).join(' ');
  if (ta !== tb) throw new OptionError(`incompatible sample types [${ta}] and [${tb}]`);
}

class ProfileMerger {
  readonly strings: string[] = [''];
  private readonly stringIndex = new Map<string, number>([['', 0]]);
  readonly mappings: Mapping[] = [];
  private readonly mappingByKey = new Map<string, number>();
  private readonly fnByKey = new Map<string, number>();
  readonly fnName: number[] = [];
  readonly fnSystemName: number[] = [];
  readonly fnFile: number[] = [];
  readonly fnStart: number[] = [];
  private readonly locByKey = new Map<string, number>();
  readonly locMapping: number[] = [];
  readonly locAddress: number[] = [];
  readonly locFolded: number[] = [];
  readonly lineStart: number[] = [0];
  readonly lineFunction: number[] = [];
  readonly lineNumber: number[] = [];
  readonly lineColumn: number[] = [];
  private readonly sampleByKey = new Map<string, number>();
  private valueCount = 0;
  readonly values: number[] = [];
  /** Parallel to values, exactly, when asked for. */
  private readonly exact: bigint[] | undefined;
  readonly stacks: number[][] = [];
  readonly labels: { key: number; str: number; num: number; unit: number }[][] = [];

  constructor(exact: boolean) {
    this.exact = exact ? [] : undefined;
  }

  add(p: Profile, sign: number, markBase: boolean): void {
    this.valueCount = p.samples.valueCount;
    const mappingMap = p.mappings.map((mp) => this.mapMapping(mp));
    const fnMap = new Int32Array(p.functions.count).fill(-1);
    const locMap = new Int32Array(p.locations.count).fill(-1);
    const { samples } = p;
    const vc = samples.valueCount;
    for (let s = 0; s < samples.count; s++) {
      let zero = true;
      for (let t = 0; t < vc; t++) if (samples.values[s * vc + t] !== 0) zero = false;
      if (zero) continue;
      const stack: number[] = [];
      for (let i = samples.stackStart[s]!; i < samples.stackStart[s + 1]!; i++) {
        const l = samples.stackLocations[i]!;
        if (locMap[l] === -1) locMap[l] = this.mapLocation(p, l, mappingMap, fnMap);
        stack.push(locMap[l]!);
      }
      const labels: { key: number; str: number; num: number; unit: number }[] = [];
      for (let i = samples.labelStart[s]!; i < samples.labelStart[s + 1]!; i++) {
        if (markBase && p.strings[samples.labelKey[i]!] === DIFF_BASE_LABEL_KEY) continue;
        labels.push({
          key: this.str(p.strings[samples.labelKey[i]!] ?? ''),
          str: this.str(p.strings[samples.labelStr[i]!] ?? ''),
          num: samples.labelNum[i]!,
          unit: this.str(p.strings[samples.labelNumUnit[i]!] ?? ''),
        });
      }
      if (markBase) labels.push({ key: this.str(DIFF_BASE_LABEL_KEY), str: this.str(DIFF_BASE_LABEL_VALUE), num: 0, unit: 0 });
      const key = `${stack.join(',')}|${labelKey(labels, this.strings)}`;
      let id = this.sampleByKey.get(key);
      if (id === undefined) {
        id = this.stacks.length;
        this.sampleByKey.set(key, id);
        this.stacks.push(stack);
        this.labels.push(labels);
        for (let t = 0; t < vc; t++) this.values.push(0);
        if (this.exact) for (let t = 0; t < vc; t++) this.exact.push(0n);
      }
      for (let t = 0; t < vc; t++) this.values[id * vc + t]! += sign * samples.values[s * vc + t]!;
      if (this.exact) for (let t = 0; t < vc; t++) this.exact[id * vc + t]! += BigInt(sign) * exactValue(samples, s, t);
    }
  }

  finish(current: Profile, base: Profile): Profile {
    const vc = this.valueCount;
    const keep: number[] = [];
    for (let id = 0; id < this.stacks.length; id++) {
      for (let t = 0; t < vc; t++) {
        if (this.exact ? this.exact[id * vc + t] !== 0n : this.values[id * vc + t] !== 0) {
          keep.push(id);
          break;
        }
      }
    }
    const values = new Float64Array(keep.length * vc);
    const exactValues = new Map<number, bigint>();
    const stackStart = new Int32Array(keep.length + 1);
    const stackLocations: number[] = [];
    const labelStart = new Int32Array(keep.length + 1);
    const labels: { key: number; str: number; num: number; unit: number }[] = [];
    keep.forEach((id, k) => {
      for (let t = 0; t < vc; t++) values[k * vc + t] = this.values[id * vc + t]!;
      if (this.exact) {
        for (let t = 0; t < vc; t++) {
          const e = this.exact[id * vc + t]!;
          values[k * vc + t] = Number(e);
          if (!Number.isSafeInteger(values[k * vc + t])) exactValues.set(k * vc + t, e);
        }
      }
      stackLocations.push(...this.stacks[id]!);
      stackStart[k + 1] = stackLocations.length;
      labels.push(...this.labels[id]!);
      labelStart[k + 1] = labels.length;
    });
    for (const t of [...current.sampleTypes, ...(current.periodType ? [current.periodType] : [])]) {
      this.str(t.type);
      this.str(t.unit);
    }
    const locCount = this.locMapping.length;
    let timeNanos = 0;
    for (const p of [current, base]) if (timeNanos === 0 || p.timeNanos < timeNanos) timeNanos = p.timeNanos;
    return {
      strings: this.strings,
      sampleTypes: current.sampleTypes,
      defaultSampleTypeIndex: current.defaultSampleTypeIndex,
      periodType: current.periodType,
      period: Math.max(current.period, base.period),
      timeNanos,
      durationNanos: current.durationNanos + base.durationNanos,
      comments: [...new Set([...current.comments, ...base.comments])],
      dropFrames: current.dropFrames,
      keepFrames: current.keepFrames,
      mappings: this.mappings,
      functions: {
        count: this.fnName.length,
        id: Float64Array.from(this.fnName, (_, i) => i + 1),
        name: Int32Array.from(this.fnName),
        systemName: Int32Array.from(this.fnSystemName),
        filename: Int32Array.from(this.fnFile),
        startLine: Float64Array.from(this.fnStart),
      },
      locations: {
        count: locCount,
        id: Float64Array.from({ length: locCount }, (_, i) => i + 1),
        mapping: Int32Array.from(this.locMapping),
        address: Float64Array.from(this.locAddress),
        isFolded: Uint8Array.from(this.locFolded),
        lineStart: Int32Array.from(this.lineStart),
        lineFunction: Int32Array.from(this.lineFunction),
        lineNumber: Float64Array.from(this.lineNumber),
        lineColumn: Float64Array.from(this.lineColumn),
      },
      samples: {
        count: keep.length,
        valueCount: vc,
        values,
        stackStart,
        stackLocations: Int32Array.from(stackLocations),
        labelStart,
        labelKey: Int32Array.from(labels, (l) => l.key),
        labelStr: Int32Array.from(labels, (l) => l.str),
        labelNum: Float64Array.from(labels, (l) => l.num),
        labelNumUnit: Int32Array.from(labels, (l) => l.unit),
        ...(exactValues.size > 0 ? { exactValues } : {}),
      },
    };
  }

  private str(s: string): number {
    let i = this.stringIndex.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.stringIndex.set(s, i);
    }
    return i;
  }

  /** pprof's mapping key: size rounded up to 4 KiB, file offset, and build id (else file). */
  private mapMapping(mp: Mapping): { index: number; offset: number } {
    const size = Math.ceil((mp.memoryLimit - mp.memoryStart) / 0x1000) * 0x1000;
    const key = `${size}|${mp.fileOffset}|${mp.buildId !== '' ? mp.buildId : mp.filename}`;
    const found = this.mappingByKey.get(key);
    if (found !== undefined) return { index: found, offset: this.mappings[found]!.memoryStart - mp.memoryStart };
    const index = this.mappings.length;
    this.mappings.push({ ...mp, id: index + 1 });
    this.mappingByKey.set(key, index);
    return { index, offset: 0 };
  }

  private mapFunction(p: Profile, f: number): number {
    const { functions: fns, strings } = p;
    const name = strings[fns.name[f]!] ?? '';
    const systemName = strings[fns.systemName[f]!] ?? '';
    const file = strings[fns.filename[f]!] ?? '';
    const start = fns.startLine[f]!;
    const key = `${start}\u0000${name}\u0000${systemName}\u0000${file}`;
    let i = this.fnByKey.get(key);
    if (i === undefined) {
      i = this.fnName.length;
      this.fnName.push(this.str(name));
      this.fnSystemName.push(this.str(systemName));
      this.fnFile.push(this.str(file));
      this.fnStart.push(start);
      this.fnByKey.set(key, i);
    }
    return i;
  }

  private mapLocation(p: Profile, l: number, mappingMap: { index: number; offset: number }[], fnMap: Int32Array): number {
    const { locations: locs } = p;
    const srcMapping = locs.mapping[l]!;
    const mi = srcMapping >= 0 ? mappingMap[srcMapping] : undefined;
    const address = locs.address[l]! + (mi?.offset ?? 0);
    const parts: string[] = [];
    const fns: number[] = [];
    for (let i = locs.lineStart[l]!; i < locs.lineStart[l + 1]!; i++) {
      const f = locs.lineFunction[i]!;
      let mf = -1;
      if (f >= 0) {
        if (fnMap[f] === -1) fnMap[f] = this.mapFunction(p, f);
        mf = fnMap[f]!;
      }
      fns.push(mf);
      parts.push(`${mf}:${locs.lineNumber[i]}:${locs.lineColumn[i]}`);
    }
    const relative = mi ? address - this.mappings[mi.index]!.memoryStart : address;
    const key = `${mi ? mi.index : -1}|${relative}|${locs.isFolded[l]}|${parts.join(',')}`;
    const found = this.locByKey.get(key);
    if (found !== undefined) return found;
    const index = this.locMapping.length;
    this.locMapping.push(mi ? mi.index : -1);
    this.locAddress.push(address);
    this.locFolded.push(locs.isFolded[l]!);
    let k = 0;
    for (let i = locs.lineStart[l]!; i < locs.lineStart[l + 1]!; i++, k++) {
      this.lineFunction.push(fns[k]!);
      this.lineNumber.push(locs.lineNumber[i]!);
      this.lineColumn.push(locs.lineColumn[i]!);
    }
    this.lineStart.push(this.lineFunction.length);
    this.locByKey.set(key, index);
    return index;
  }
}

/** Labels in a canonical order (by key, values in their order), as pprof's sample key. */
function labelKey(labels: readonly { key: number; str: number; num: number; unit: number }[], strings: readonly string[]): string {
  if (labels.length === 0) return '';
  const byKey = new Map<string, string[]>();
  for (const l of labels) {
    const k = `${l.str !== 0 ? 's' : 'n'}${strings[l.key]}`;
    const v = l.str !== 0 ? (strings[l.str] ?? '') : `${l.num}${strings[l.unit] ?? ''}`;
    const list = byKey.get(k);
    if (list) list.push(v);
    else byKey.set(k, [v]);
  }
  return [...byKey.keys()].sort().map((k) => `${k}=${JSON.stringify(byKey.get(k))}`).join(';');
}
