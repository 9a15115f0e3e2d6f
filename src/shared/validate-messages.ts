/**
 * Hand-written validators for what the host receives (from webviews and the worker) and
 * what the worker receives. Each returns the typed message, or undefined when malformed.
 */
import { isFiniteNumber, isIndex, isRecord, isStringArray, type UnknownRecord } from './guards';
import type { WebviewRequest, WebviewToHost } from './protocol';
import { assertNever } from './rpc';
import {
  viewMethodNames,
  type ProfileSummary,
  type SampleTypeView,
  type TopParams,
  type TopRow,
  type TopView,
  type ViewMethods,
} from './view-model';
import type { HostToWorker, OpenParams, WorkerMethods, WorkerToHost } from './worker-protocol';

const workerMethodNames: { readonly [K in keyof WorkerMethods]: true } = { ...viewMethodNames, open: true };

function isViewMethod(name: unknown): name is keyof ViewMethods {
  return typeof name === 'string' && Object.hasOwn(viewMethodNames, name);
}

function isWorkerMethod(name: unknown): name is keyof WorkerMethods {
  return typeof name === 'string' && Object.hasOwn(workerMethodNames, name);
}

export function parseTopParams(value: unknown): TopParams | undefined {
  if (!isRecord(value) || !isIndex(value.sampleIndex)) return undefined;
  return { sampleIndex: value.sampleIndex };
}

function parseViewRequest(value: UnknownRecord): WebviewRequest | undefined {
  const { id, method } = value;
  if (!isIndex(id) || !isViewMethod(method)) return undefined;
  switch (method) {
    case 'top': {
      const params = parseTopParams(value.params);
      return params && { kind: 'request', id, method, params };
    }
    default:
      return assertNever(method, 'view method');
  }
}

export function parseWebviewToHost(value: unknown): WebviewToHost | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.kind) {
    case 'ready':
      return { kind: 'ready' };
    case 'request':
      return parseViewRequest(value);
    default:
      return undefined;
  }
}

function parseOpenParams(value: unknown): OpenParams | undefined {
  if (!isRecord(value)) return undefined;
  const { bytes, source, maxInflatedBytes } = value;
  if (!(bytes instanceof Uint8Array) || typeof source !== 'string' || !isIndex(maxInflatedBytes)) return undefined;
  return { bytes, source, maxInflatedBytes };
}

export function parseHostToWorker(value: unknown): HostToWorker | undefined {
  if (!isRecord(value) || value.kind !== 'request') return undefined;
  const { id, method } = value;
  if (!isIndex(id) || !isWorkerMethod(method)) return undefined;
  switch (method) {
    case 'open': {
      const params = parseOpenParams(value.params);
      return params && { kind: 'request', id, method, params };
    }
    case 'top': {
      const params = parseTopParams(value.params);
      return params && { kind: 'request', id, method, params };
    }
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
    !isStringArray(v.comments)
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
  return { name, file, line, flat, cum, flatText, flatPercent, sumPercent, cumText, cumPercent };
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
  return { sampleIndex, sampleType, total, totalText, rows, shownText, shownPercent, omittedRows };
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
    case 'open': {
      const result = parseSummary(value.result);
      return result && { kind: 'response', id, ok: true, method, result };
    }
    case 'top': {
      const result = parseTopView(value.result);
      return result && { kind: 'response', id, ok: true, method, result };
    }
    default:
      return assertNever(method, 'worker method');
  }
}
