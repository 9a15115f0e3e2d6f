/**
 * Hand-written validators for what the host receives (from webviews and the worker) and
 * what the worker receives. Each returns the typed message, or undefined when malformed.
 */
import { isFiniteNumber, isIndex, isRecord, isStringArray, type UnknownRecord } from './guards';
import type { WebviewRequest, WebviewToHost } from './protocol';
import { assertNever } from './rpc';
import { parseComparisonTotals } from './diff-view';
import { parsePeekParams, parsePeekView, parseStackTreeView, parseTopRowDiff, parseTreeParams, parseViewQuery } from './validate-views';
import {
  viewMethodNames,
  type LabelKeyView,
  type ProfileSummary,
  type SampleTypeView,
  type TopParams,
  type TopRow,
  type TopView,
  type ViewMethods,
} from './view-model';
import type { HostToWorker, OpenParams, WorkerMethods, WorkerToHost } from '../worker/worker-protocol';
import { parseLineCostsParams, parseLineCostsView } from './line-costs-view';
import { parseCallGraphParams, parseCallGraphView } from './callgraph-view';
import { parseGoroutinesView } from './goroutines-view';

const workerMethodNames: { readonly [K in keyof WorkerMethods]: true } = { ...viewMethodNames, lineCosts: true, open: true, openBase: true };

function isViewMethod(name: unknown): name is keyof ViewMethods {
  return typeof name === 'string' && Object.hasOwn(viewMethodNames, name);
}

function isWorkerMethod(name: unknown): name is keyof WorkerMethods {
  return typeof name === 'string' && Object.hasOwn(workerMethodNames, name);
}

export function parseTopParams(value: unknown): TopParams | undefined {
  return parseViewQuery(value);
}

/** A request for a view method (from the webview, or forwarded to the worker). */
function parseViewMethodRequest(id: number, method: keyof ViewMethods, params: unknown): WebviewRequest | undefined {
  switch (method) {
    case 'top': {
      const p = parseTopParams(params);
      return p && { kind: 'request', id, method, params: p };
    }
    case 'flame': {
      const p = parseViewQuery(params);
      return p && { kind: 'request', id, method, params: p };
    }
    case 'tree': {
      const p = parseTreeParams(params);
      return p && { kind: 'request', id, method, params: p };
    }
    case 'peek': {
      const p = parsePeekParams(params);
      return p && { kind: 'request', id, method, params: p };
    }
    case 'callgraph': {
      const p = parseCallGraphParams(params);
      return p && { kind: 'request', id, method, params: p };
    }
    case 'goroutines': {
      const p = parseViewQuery(params);
      return p && { kind: 'request', id, method, params: p };
    }
    default:
      return assertNever(method, 'view method');
  }
}

function parseViewRequest(value: UnknownRecord): WebviewRequest | undefined {
  const { id, method } = value;
  if (!isIndex(id) || !isViewMethod(method)) return undefined;
  return parseViewMethodRequest(id, method, value.params);
}

export function parseWebviewToHost(value: unknown): WebviewToHost | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.kind) {
    case 'ready':
      return { kind: 'ready' };
    case 'request':
      return parseViewRequest(value);
    case 'openSource':
      if (typeof value.file !== 'string' || !isIndex(value.line)) return undefined;
      if (value.functionName !== undefined && typeof value.functionName !== 'string') return undefined;
      return { kind: 'openSource', file: value.file, line: value.line, ...(value.functionName !== undefined ? { functionName: value.functionName } : {}) };
    case 'saveImage':
      return (value.format === 'png' || value.format === 'svg') && typeof value.data === 'string'
        ? { kind: 'saveImage', format: value.format, data: value.data }
        : undefined;
    case 'compareWith':
      return { kind: 'compareWith' };
    case 'stopComparing':
      return { kind: 'stopComparing' };
    case 'flameZoom':
      return isStringArray(value.path) ? { kind: 'flameZoom', path: value.path } : undefined;
    case 'cspViolation':
      return parseCspViolation(value);
    default:
      return undefined;
  }
}

/** Longest directive, URI or sample kept from a report (the rest is cut, marked with …). */
export const CSP_REPORT_FIELD_LIMIT = 300;

function clip(text: string): string {
  return text.length > CSP_REPORT_FIELD_LIMIT ? `${text.slice(0, CSP_REPORT_FIELD_LIMIT)}…` : text;
}

function parseCspViolation(value: UnknownRecord): WebviewToHost | undefined {
  const { directive, blockedUri, sample } = value;
  if (typeof directive !== 'string' || typeof blockedUri !== 'string' || typeof sample !== 'string') return undefined;
  return { kind: 'cspViolation', directive: clip(directive), blockedUri: clip(blockedUri), sample: clip(sample) };
}

function parseOpenParams(value: unknown): OpenParams | undefined {
  if (!isRecord(value)) return undefined;
  const { bytes, source, maxInflatedBytes, goroutineDump } = value;
  if (!(bytes instanceof Uint8Array) || typeof source !== 'string' || !isIndex(maxInflatedBytes)) return undefined;
  if (goroutineDump !== undefined && typeof goroutineDump !== 'string') return undefined;
  return { bytes, source, maxInflatedBytes, ...(goroutineDump !== undefined ? { goroutineDump } : {}) };
}

export function parseHostToWorker(value: unknown): HostToWorker | undefined {
  if (!isRecord(value) || value.kind !== 'request') return undefined;
  const { id, method } = value;
  if (!isIndex(id) || !isWorkerMethod(method)) return undefined;
  switch (method) {
    case 'lineCosts': {
      const params = parseLineCostsParams(value.params);
      return params && { kind: 'request', id, method, params };
    }
    case 'open':
    case 'openBase': {
      const params = parseOpenParams(value.params);
      return params && { kind: 'request', id, method, params };
    }
    case 'top':
    case 'flame':
    case 'tree':
    case 'peek':
    case 'callgraph':
    case 'goroutines':
      return parseViewMethodRequest(id, method, value.params);
    default:
      return assertNever(method, 'worker method');
  }
}

function parseSampleType(value: unknown): SampleTypeView | undefined {
  if (!isRecord(value) || typeof value.type !== 'string' || typeof value.unit !== 'string') return undefined;
  return { type: value.type, unit: value.unit };
}

function parseSampleTypes(value: unknown): SampleTypeView[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: SampleTypeView[] = [];
  for (const item of value) {
    const t = parseSampleType(item);
    if (!t) return undefined;
    out.push(t);
  }
  return out;
}

export function parseSummary(value: unknown): ProfileSummary | undefined {
  if (!isRecord(value)) return undefined;
  const v = value;
  const sampleTypes = parseSampleTypes(v.sampleTypes);
  const periodType = v.periodType === undefined ? undefined : parseSampleType(v.periodType);
  const labels: LabelKeyView[] = [];
  for (const item of Array.isArray(v.labels) ? v.labels : []) {
    if (!isRecord(item) || typeof item.key !== 'string' || !isStringArray(item.values)) return undefined;
    labels.push({ key: item.key, values: item.values });
  }
  if (
    typeof v.source !== 'string' ||
    !sampleTypes ||
    !isIndex(v.defaultSampleTypeIndex) ||
    (v.periodType !== undefined && !periodType) ||
    !isFiniteNumber(v.period) ||
    typeof v.periodText !== 'string' ||
    !isFiniteNumber(v.timeNanos) ||
    !isFiniteNumber(v.durationNanos) ||
    typeof v.durationText !== 'string' ||
    !isIndex(v.sampleCount) ||
    !isStringArray(v.comments) ||
    !Array.isArray(v.labels)
  ) {
    return undefined;
  }
  return {
    source: v.source,
    sampleTypes,
    defaultSampleTypeIndex: v.defaultSampleTypeIndex,
    periodType,
    period: v.period,
    periodText: v.periodText,
    timeNanos: v.timeNanos,
    durationNanos: v.durationNanos,
    durationText: v.durationText,
    sampleCount: v.sampleCount,
    comments: v.comments,
    labels,
  };
}

function parseTopRow(value: unknown): TopRow | undefined {
  if (!isRecord(value)) return undefined;
  const { name, file, line, flat, cum, flatText, flatPercent, sumPercent, cumText, cumPercent } = value;
  if (
    typeof name !== 'string' ||
    typeof file !== 'string' ||
    !isIndex(line) ||
    !isFiniteNumber(flat) ||
    !isFiniteNumber(cum) ||
    typeof flatText !== 'string' ||
    typeof flatPercent !== 'string' ||
    typeof sumPercent !== 'string' ||
    typeof cumText !== 'string' ||
    typeof cumPercent !== 'string'
  ) {
    return undefined;
  }
  const startLine = value.startLine;
  if (startLine !== undefined && !isIndex(startLine)) return undefined;
  const row = { name, file, line, ...(startLine !== undefined ? { startLine } : {}), flat, cum, flatText, flatPercent, sumPercent, cumText, cumPercent };
  if (value.diff === undefined) return row;
  const diff = parseTopRowDiff(value.diff);
  return diff && { ...row, diff };
}

export function parseTopView(value: unknown): TopView | undefined {
  if (!isRecord(value) || !Array.isArray(value.rows)) return undefined;
  const { sampleIndex, total, totalText, shownText, shownPercent, omittedRows } = value;
  const sampleType = parseSampleType(value.sampleType);
  if (!isIndex(sampleIndex) || !sampleType || !isFiniteNumber(total) || typeof totalText !== 'string' || !isIndex(omittedRows)) {
    return undefined;
  }
  if (typeof shownText !== 'string' || typeof shownPercent !== 'string') {
    return undefined;
  }
  const rows: TopRow[] = [];
  for (const item of value.rows) {
    const row = parseTopRow(item);
    if (!row) return undefined;
    rows.push(row);
  }
  const baseSource = value.baseSource;
  if (baseSource !== undefined && typeof baseSource !== 'string') return undefined;
  const comparison = value.comparison === undefined ? undefined : parseComparisonTotals(value.comparison);
  if (value.comparison !== undefined && !comparison) return undefined;
  const view = { sampleIndex, sampleType, total, totalText, rows, shownText, shownPercent, omittedRows, ...(comparison ? { comparison } : {}) };
  return baseSource === undefined ? view : { ...view, baseSource };
}

export function parseWorkerToHost(value: unknown): WorkerToHost | undefined {
  if (!isRecord(value) || value.kind !== 'response' || !isIndex(value.id)) return undefined;
  const id = value.id;
  if (value.ok === false) {
    return typeof value.error === 'string' ? { kind: 'response', id, ok: false, error: value.error } : undefined;
  }
  const method = value.method;
  if (value.ok !== true || !isWorkerMethod(method)) return undefined;
  switch (method) {
    case 'lineCosts': {
      const result = parseLineCostsView(value.result);
      return result && { kind: 'response', id, ok: true, method, result };
    }
    case 'open': {
      const result = parseSummary(value.result);
      return result && { kind: 'response', id, ok: true, method, result };
    }
    case 'openBase': {
      const result = value.result;
      return isRecord(result) && typeof result.source === 'string'
        ? { kind: 'response', id, ok: true, method, result: { source: result.source } }
        : undefined;
    }
    case 'top': {
      const result = parseTopView(value.result);
      return result && { kind: 'response', id, ok: true, method, result };
    }
    case 'flame':
    case 'tree': {
      const result = parseStackTreeView(value.result);
      return result && { kind: 'response', id, ok: true, method, result };
    }
    case 'peek': {
      const result = parsePeekView(value.result);
      return result && { kind: 'response', id, ok: true, method, result };
    }
    case 'callgraph': {
      const result = parseCallGraphView(value.result);
      return result && { kind: 'response', id, ok: true, method, result };
    }
    case 'goroutines': {
      const result = parseGoroutinesView(value.result);
      return result && { kind: 'response', id, ok: true, method, result };
    }
    default:
      return assertNever(method, 'worker method');
  }
}
