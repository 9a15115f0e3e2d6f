/** Validators for the view queries and the view data added with the multi-view editor. */
import { isFiniteNumber, isIndex, isRecord } from './guards';
import { parseComparisonTotals } from './diff-view';
import {
  granularities,
  type FrameView,
  type GranularityView,
  type PeekParams,
  type PeekRowView,
  type PeekView,
  type StackTreeView,
  type TopRowDiff,
  type TreeParams,
  type ViewQuery,
} from './view-model';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const FILTER_KEYS = ['focus', 'ignore', 'hide', 'show', 'tagFocus'] as const;

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
  if (value.diff !== undefined) {
    if (typeof value.diff !== 'boolean') return undefined;
    query.diff = value.diff;
  }
  return query;
}

export function parseTreeParams(value: unknown): TreeParams | undefined {
  const query = parseViewQuery(value);
  if (!query || !isRecord(value)) return undefined;
  const direction = value.direction;
  if (direction !== 'top-down' && direction !== 'bottom-up') return undefined;
  return { ...query, direction };
}

export function parsePeekParams(value: unknown): PeekParams | undefined {
  const query = parseViewQuery(value);
  if (!query || !isRecord(value) || typeof value.name !== 'string') return undefined;
  return { ...query, name: value.name };
}

function parseFrame(value: unknown): FrameView | undefined {
  if (!isRecord(value)) return undefined;
  const { name, file, line, startLine } = value;
  if (typeof name !== 'string' || typeof file !== 'string' || !isIndex(line) || !isIndex(startLine)) return undefined;
  return { name, file, line, startLine };
}

export function parseStackTreeView(value: unknown): StackTreeView | undefined {
  if (!isRecord(value) || !Array.isArray(value.frames)) return undefined;
  const { sampleIndex, unit, total, totalText, frame, parent, firstChild, childCount, self, base, baseSelf, baseSource } = value;
  const nodes = value.value;
  if (!isIndex(sampleIndex) || typeof unit !== 'string' || !isFiniteNumber(total) || typeof totalText !== 'string') return undefined;
  if (!(frame instanceof Int32Array) || !(parent instanceof Int32Array) || !(firstChild instanceof Int32Array)) return undefined;
  if (!(childCount instanceof Int32Array) || !(nodes instanceof Float64Array) || !(self instanceof Float64Array)) return undefined;
  const n = frame.length;
  if (parent.length !== n || firstChild.length !== n || childCount.length !== n || nodes.length !== n || self.length !== n) return undefined;
  if (base !== undefined && !(base instanceof Float64Array && base.length === n)) return undefined;
  if (baseSelf !== undefined && !(baseSelf instanceof Float64Array && baseSelf.length === n)) return undefined;
  const comparison = value.comparison === undefined ? undefined : parseComparisonTotals(value.comparison);
  if (value.comparison !== undefined && !comparison) return undefined;
  if (baseSource !== undefined && typeof baseSource !== 'string') return undefined;
  const frames: FrameView[] = [];
  for (const item of value.frames) {
    const f = parseFrame(item);
    if (!f) return undefined;
    frames.push(f);
  }
  for (let i = 0; i < n; i++) {
    const f = frame[i]!;
    if (f < -1 || f >= frames.length || parent[i]! < -1 || parent[i]! >= n) return undefined;
    if (firstChild[i]! < 0 || childCount[i]! < 0 || firstChild[i]! + childCount[i]! > n) return undefined;
  }
  return {
    sampleIndex, unit, total, totalText, frames, frame, parent, firstChild, childCount, value: nodes, self,
    ...(base !== undefined ? { base } : {}),
    ...(baseSelf !== undefined ? { baseSelf } : {}),
    ...(baseSource !== undefined ? { baseSource } : {}),
    ...(comparison !== undefined ? { comparison } : {}),
  };
}

function parsePeekRow(value: unknown): PeekRowView | undefined {
  if (!isRecord(value)) return undefined;
  const { name, valueText, percent } = value;
  if (typeof name !== 'string' || !isFiniteNumber(value.value) || typeof valueText !== 'string' || typeof percent !== 'string') return undefined;
  return { name, value: value.value, valueText, percent };
}

function parsePeekRows(value: unknown): PeekRowView[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: PeekRowView[] = [];
  for (const item of value) {
    const row = parsePeekRow(item);
    if (!row) return undefined;
    out.push(row);
  }
  return out;
}

export function parsePeekView(value: unknown): PeekView | undefined {
  if (!isRecord(value)) return undefined;
  const { name, flatText, cumText } = value;
  const callers = parsePeekRows(value.callers);
  const callees = parsePeekRows(value.callees);
  if (typeof name !== 'string' || typeof flatText !== 'string' || typeof cumText !== 'string' || !callers || !callees) return undefined;
  return { name, flatText, cumText, callers, callees };
}

export function parseTopRowDiff(value: unknown): TopRowDiff | undefined {
  if (!isRecord(value)) return undefined;
  const { base, current, baseText, currentText, deltaPercent } = value;
  if (!isFiniteNumber(base) || !isFiniteNumber(current) || typeof baseText !== 'string') return undefined;
  if (typeof currentText !== 'string' || typeof deltaPercent !== 'string') return undefined;
  return { base, current, baseText, currentText, deltaPercent };
}
