/**
 * Per-line costs for editor hints, computed in the decode worker (`lineCosts` worker method).
 * Without `files` the answer lists every source file with its totals only (cheap, for mapping
 * and hotspot order); with `files` it adds the lines of those files.
 */
import { isIndex, isRecord, isStringArray } from './guards';
import { parseTransforms, type Transform } from './transforms';
import { granularities, type GranularityView, type SampleTypeView } from './view-model';

/** The profile editor's options the hints follow (a subset of its view query). */
export interface HintQuery {
  readonly sampleIndex: number;
  readonly focus?: string;
  readonly ignore?: string;
  readonly hide?: string;
  readonly show?: string;
  readonly tagFocus?: string;
  readonly tagIgnore?: string;
  /** The label frames of the views (so a zoomed flame path through them finds its samples). */
  readonly tagRoot?: readonly string[];
  readonly tagLeaf?: readonly string[];
  /** Compare with the editor's base profile: lines show the change. */
  readonly diff?: boolean;
  /**
   * The flame graph is zoomed: only samples whose root-first stack of printable names (at
   * `flameGranularity`, after the filters) starts with this path count. Absent or [] = all.
   */
  readonly flamePath?: readonly string[];
  readonly flameGranularity?: GranularityView;
  /** The profile editor's transform chain: the hints count the transformed stacks. */
  readonly transforms?: readonly Transform[];
}

const FILTERS = ['focus', 'ignore', 'hide', 'show', 'tagFocus', 'tagIgnore'] as const;
const KEY_LISTS = ['tagRoot', 'tagLeaf'] as const;

/** Only the HintQuery fields of `value` (a view query may carry more). */
export function parseHintQuery(value: unknown): HintQuery | undefined {
  if (!isRecord(value) || !isIndex(value.sampleIndex)) return undefined;
  const query: { -readonly [K in keyof HintQuery]: HintQuery[K] } = { sampleIndex: value.sampleIndex };
  for (const key of FILTERS) {
    const v = value[key];
    if (v === undefined) continue;
    if (typeof v !== 'string') return undefined;
    query[key] = v;
  }
  for (const key of KEY_LISTS) {
    const v = value[key];
    if (v === undefined) continue;
    if (!isStringArray(v)) return undefined;
    query[key] = v;
  }
  if (value.diff !== undefined) {
    if (typeof value.diff !== 'boolean') return undefined;
    query.diff = value.diff;
  }
  if (value.flamePath !== undefined) {
    if (!isStringArray(value.flamePath)) return undefined;
    query.flamePath = value.flamePath;
  }
  if (value.flameGranularity !== undefined) {
    const g = granularities.find((x) => x === value.flameGranularity);
    if (!g) return undefined;
    query.flameGranularity = g;
  }
  if (value.transforms !== undefined) {
    const transforms = parseTransforms(value.transforms);
    if (!transforms) return undefined;
    if (transforms.length > 0) query.transforms = transforms;
  }
  return query;
}

export interface LineCostsParams extends HintQuery {
  /** Profile file names (as the profile spells them, cleaned) whose lines are wanted. */
  readonly files?: readonly string[];
}

export interface LineCostView {
  readonly line: number;
  readonly flat: number;
  readonly cum: number;
  /** Index into the file's `functions`: the function with the most cum on this line. */
  readonly fn: number;
}

export interface LineFunctionView {
  readonly name: string;
  readonly startLine: number;
}

export interface FileLinesView {
  readonly file: string;
  /** Largest flat and cum of any one line of the file. */
  readonly maxFlat: number;
  readonly maxCum: number;
  /** Only for the requested files. */
  readonly functions?: readonly LineFunctionView[];
  readonly lines?: readonly LineCostView[];
}

export interface LineCostsView {
  readonly sampleIndex: number;
  readonly sampleType: SampleTypeView;
  readonly total: number;
  readonly files: readonly FileLinesView[];
}

export function parseLineCostsParams(value: unknown): LineCostsParams | undefined {
  const query = parseHintQuery(value);
  if (!query || !isRecord(value)) return undefined;
  if (value.files === undefined) return query;
  return isStringArray(value.files) ? { ...query, files: value.files } : undefined;
}
