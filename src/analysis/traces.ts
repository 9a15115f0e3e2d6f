/**
 * The samples as call stacks, as `go tool pprof -traces` lists them: one trace per sample in
 * the file's order (or merged by identical stack and labels), leaf first, with the sample's
 * string and numeric labels.
 */
import type { Profile } from '../pprof/profile';
import type { ReportOptions } from './options';
import { buildStacks, type Frame, type Stacks } from './stacks';
import { formatValue } from '../shared/units';
import { formatExactValue } from './exact-values';
import { printable, type Controls } from './printable';
import { ByteLines, StringLines, type TextLines } from './text-lines';

export interface Trace {
  readonly value: number;
  /** value exactly, when some sum could pass 2^53 (Stacks.exactValues). */
  readonly exactValue?: bigint;
  /** Frame indexes into `TracesReport.frames`, leaf first. */
  readonly frames: readonly number[];
  /** Parallel to frames: the call was inlined into the next frame. */
  readonly inlined: readonly boolean[];
  /** String labels: key -> values, keys sorted. */
  readonly labels: Readonly<Record<string, readonly string[]>>;
  /** Numeric labels: key -> values with their unit ("" when none). */
  readonly numLabels: Readonly<Record<string, { readonly values: readonly number[]; readonly unit: string }>>;
}

export interface TracesReport {
  readonly frames: readonly Frame[];
  readonly total: number;
  readonly traces: readonly Trace[];
}

export interface TracesOptions {
  /** Merge samples with the same stack and labels into one trace (values summed). */
  readonly merge?: boolean;
}

export function tracesFromStacks(profile: Profile, stacks: Stacks, options: TracesOptions = {}): TracesReport {
  const traces: Trace[] = [];
  const byKey = new Map<string, number>();
  for (let s = 0; s < stacks.count; s++) {
    const start = stacks.stackStart[s]!;
    const end = stacks.stackStart[s + 1]!;
    if (end === start) continue;
    const frames = Array.from(stacks.stackFrames.subarray(start, end));
    const inlined = Array.from(stacks.stackInlined.subarray(start, end), (x) => x === 1);
    const { labels, numLabels } = sampleLabels(profile, stacks.sampleIndexes[s]!);
    const exactValue = stacks.exactValues?.[s];
    const trace: Trace = { value: stacks.values[s]!, ...(exactValue !== undefined ? { exactValue } : {}), frames, inlined, labels, numLabels };
    if (!options.merge) {
      traces.push(trace);
      continue;
    }
    const key = JSON.stringify([frames, inlined, labels, numLabels]);
    const at = byKey.get(key);
    if (at === undefined) {
      byKey.set(key, traces.length);
      traces.push(trace);
    } else {
      const t = traces[at]!;
      const exact = t.exactValue !== undefined && exactValue !== undefined ? { exactValue: t.exactValue + exactValue } : {};
      traces[at] = { ...t, value: t.value + trace.value, ...exact };
    }
  }
  return { frames: stacks.frames, total: stacks.total, traces };
}

export function buildTraces(profile: Profile, options: ReportOptions & TracesOptions = {}): TracesReport {
  return tracesFromStacks(profile, buildStacks(profile, options, { mergeStacks: false, keepZeroValues: true }), options);
}

/** The labels of a sample without any (most samples of most profiles): one shared frozen value. */
const NO_LABELS: Pick<Trace, 'labels' | 'numLabels'> = Object.freeze({ labels: Object.freeze({}), numLabels: Object.freeze({}) });

export function sampleLabels(profile: Profile, sample: number): Pick<Trace, 'labels' | 'numLabels'> {
  const { labelStart, labelKey, labelStr, labelNum, labelNumUnit } = profile.samples;
  if (labelStart[sample] === labelStart[sample + 1]) return NO_LABELS;
  const strings = profile.strings;
  const labels: Record<string, string[]> = {};
  const numLabels: Record<string, { values: number[]; unit: string }> = {};
  for (let i = labelStart[sample]!; i < labelStart[sample + 1]!; i++) {
    const key = strings[labelKey[i]!] ?? '';
    if (labelStr[i]! > 0) (labels[key] ??= []).push(strings[labelStr[i]!] ?? '');
    else (numLabels[key] ??= { values: [], unit: strings[labelNumUnit[i]!] ?? '' }).values.push(labelNum[i]!);
  }
  return { labels: sortKeys(labels), numLabels: sortKeys(numLabels) };
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key]!;
  return out;
}

export const TRACE_SEPARATOR = '-----------+-------------------------------------------------------';

/**
 * The text of `go tool pprof -traces`, its profile labels included when given (profile strings
 * made printable: `controls` says how, printable.ts).
 */
export function formatTracesText(report: TracesReport, unit: string, profileLabels?: readonly string[], controls: Controls = 'escape'): string {
  const text = new TracesText(report.frames, unit, profileLabels, (lines) => new StringLines(lines), controls);
  for (const t of report.traces) text.add(t.value, t.exactValue, t.frames, t.inlined, 0, t.frames.length, t);
  return text.finish();
}

/**
 * formatTracesText of tracesFromStacks(profile, stacks) as the bytes pprof prints
 * (analysis/raw-text-bytes.ts), written straight from the stacks: a big profile's traces (one per
 * sample) are not first made into arrays and objects. The CLI's stdout.
 */
export function formatStacksAsTracesBytes(
  profile: Profile,
  stacks: Stacks,
  unit: string,
  profileLabels?: readonly string[],
  controls: Controls = 'escape',
): Uint8Array {
  return stacksAsTraces(profile, stacks, new TracesText(stacks.frames, unit, profileLabels, (lines) => new ByteLines(lines), controls));
}

function stacksAsTraces<Result>(profile: Profile, stacks: Stacks, text: TracesText<Result>): Result {
  const { stackStart, stackFrames, stackInlined, values, exactValues, sampleIndexes } = stacks;
  for (let s = 0; s < stacks.count; s++) {
    const start = stackStart[s]!;
    const end = stackStart[s + 1]!;
    if (end === start) continue;
    text.add(values[s]!, exactValues?.[s], stackFrames, stackInlined, start, end, sampleLabels(profile, sampleIndexes[s]!));
  }
  return text.finish();
}

/** The lines of -traces, one trace at a time. */
class TracesText<Result> {
  private readonly out: TextLines<Result>;
  private readonly valueColumn: ValueColumn;
  private readonly names: string[];
  private readonly controls: Controls;

  constructor(
    frames: readonly Frame[],
    unit: string,
    profileLabels: readonly string[] | undefined,
    lines: (repeated: readonly string[]) => TextLines<Result>,
    controls: Controls,
  ) {
    this.controls = controls;
    this.valueColumn = new ValueColumn(unit, controls);
    // Each frame's line below a trace's first is the same every time: made once (large profiles
    // print millions of them), and the value column once per distinct value. Line 2f is frame
    // f's, 2f + 1 the same inlined.
    // Made flat (join, not +): a concatenated string is a tree that joining the report's text
    // would walk again at each of its uses.
    this.names = frames.map((f) => ['   ', printable(f.name, controls)].join(''));
    const blank = ' '.repeat(10);
    const repeated: string[] = [];
    for (const n of this.names) repeated.push([blank, n].join(''), [blank, n, ' (inline)'].join(''));
    this.out = lines(repeated);
    // pprof prints its labels joined as one line: an empty line when there is none.
    if (profileLabels) this.out.line(profileLabels.join('\n'));
  }

  /** A trace of frames `frames[start .. end - 1]` (leaf first); `inlined` parallel to them (true or 1: inlined). */
  add(
    traceValue: number,
    exactValue: bigint | undefined,
    frames: ArrayLike<number>,
    inlined: ArrayLike<number | boolean>,
    start: number,
    end: number,
    { labels, numLabels }: Pick<Trace, 'labels' | 'numLabels'>,
  ): void {
    const { out } = this;
    out.line(TRACE_SEPARATOR);
    for (const line of labelLines(labels, numLabels, this.controls)) out.line(line);
    if (end === start) return;
    out.line(`${this.valueColumn.of(traceValue, exactValue)}${this.names[frames[start]!]}${inlined[start] ? ' (inline)' : ''}`);
    out.frameLines(frames, inlined, start + 1, end);
  }

  finish(): Result {
    this.out.line(TRACE_SEPARATOR);
    return this.out.finish();
  }
}

/** A trace's label lines: string labels, then numeric ones. */
export function labelLines(
  labels: Pick<Trace, 'labels'>['labels'],
  numLabels: Pick<Trace, 'numLabels'>['numLabels'],
  controls: Controls = 'escape',
): string[] {
  const out: string[] = [];
  if (!isEmpty(labels)) {
    // pprof sorts each kind of label by its printed line (so by the padded key, shorter keys first).
    const lines = Object.entries(labels).map(([key, v]) => `${pad10(printable(key, controls))}:  ${printable(v.join(' '), controls)}`);
    out.push(...lines.sort(byBytes));
  }
  if (!isEmpty(numLabels)) {
    const lines = Object.entries(numLabels).map(([key, { values: v, unit: labelUnit }]) => {
      const labelValueUnit = printable(labelUnit || key, controls);
      return `${pad10(printable(key, controls))}:  ${v.map((x) => formatValue(x, labelValueUnit)).join(' ')}`;
    });
    out.push(...lines.sort(byBytes));
  }
  return out;
}

/** The value column of a trace's first line (pprof's "%10s"), each distinct value formatted once. */
export class ValueColumn {
  private readonly unit: string;
  private readonly known = new Map<number, string>();

  constructor(unit: string, controls: Controls = 'escape') {
    this.unit = printable(unit, controls);
  }

  of(value: number, exact: bigint | undefined): string {
    let text = exact === undefined ? this.known.get(value) : undefined;
    if (text === undefined) {
      text = pad10(formatExactValue(value, exact, this.unit, 'minimum'));
      if (exact === undefined) this.known.set(value, text);
    }
    return text;
  }
}

function isEmpty(record: object): boolean {
  for (const _ in record) return false;
  return true;
}

/** Go's string order (UTF-8 bytes), which is code point order. */
function byBytes(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < x.length && i < y.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

function pad10(s: string): string {
  return s.length >= 10 ? s : ' '.repeat(10 - s.length) + s;
}
