/** The validator of the view query every view's params start with (webview input). */
import { isIndex, isRecord, isStringArray } from './guards';
import { parseTransforms } from './transforms';
import { granularities, type GranularityView, type ViewQuery } from './view-model';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const FILTER_KEYS = ['focus', 'ignore', 'hide', 'show', 'tagFocus', 'tagIgnore'] as const;
const KEY_LIST_KEYS = ['tagRoot', 'tagLeaf'] as const;

function isGranularity(value: unknown): value is GranularityView {
  return typeof value === 'string' && (granularities as readonly string[]).includes(value);
}

export function parseViewQuery(value: unknown): ViewQuery | undefined {
  if (!isRecord(value) || !isIndex(value.sampleIndex)) return undefined;
  const query: Mutable<ViewQuery> = { sampleIndex: value.sampleIndex };
  if (value.granularity !== undefined) {
    if (!isGranularity(value.granularity)) return undefined;
    query.granularity = value.granularity;
  }
  for (const key of FILTER_KEYS) {
    const v = value[key];
    if (v === undefined) continue;
    if (typeof v !== 'string') return undefined;
    query[key] = v;
  }
  for (const key of KEY_LIST_KEYS) {
    const v = value[key];
    if (v === undefined) continue;
    if (!isStringArray(v)) return undefined;
    query[key] = v;
  }
  if (value.diff !== undefined) {
    if (typeof value.diff !== 'boolean') return undefined;
    query.diff = value.diff;
  }
  if (value.transforms !== undefined) {
    const transforms = parseTransforms(value.transforms);
    if (!transforms) return undefined;
    query.transforms = transforms;
  }
  return query;
}
