/**
 * One query of a server's merged profile: which server, type, label selector and time range.
 * It names the profile (title, file name), is recorded in the saved copy's sidecar, and
 * shifts for comparisons. Pure.
 */
import type { SidecarServerQuery } from '../store/sidecar';
import { buildSelector, type LabelMatcher } from './label-selector';
import { parseTypeId } from './profile-types';
import type { ServerConfig } from './server-config';
import { describeRange, previousPeriod, type TimeRange } from './time-range';

export interface ServerQuery {
  readonly server: ServerConfig;
  /** Pyroscope profile type ID. */
  readonly profileType: string;
  /** The matchers the selector was built from (service_name first), when it was built here. */
  readonly matchers?: readonly LabelMatcher[];
  /** The label selector sent, e.g. {service_name="checkout"}. */
  readonly selector: string;
  readonly range: TimeRange;
  /** Most nodes the server may return (it merges the rest); undefined or 0 = all. */
  readonly maxNodes?: number;
}

export const SERVICE_LABEL = 'service_name';

export function queryFromMatchers(base: Omit<ServerQuery, 'selector' | 'matchers'>, matchers: readonly LabelMatcher[]): ServerQuery {
  return { ...base, matchers: [...matchers], selector: buildSelector(matchers) };
}

/** The service the query is about: its `service_name="…"` value, if the selector has one. */
export function serviceOf(query: ServerQuery): string | undefined {
  const fromMatchers = query.matchers?.find((m) => m.name === SERVICE_LABEL && m.op === '=')?.value;
  return fromMatchers ?? /service_name\s*=\s*"((?:[^"\\]|\\.)*)"/.exec(query.selector)?.[1];
}

/**
 * `checkout · CPU · prod-pyroscope · 2026-12-01 10:00:00Z – 11:00:00Z` (the editor tab title);
 * `rangeLabel` replaces the times for a range relative to now ("last hour").
 */
export function queryTitle(query: ServerQuery, rangeLabel?: string): string {
  const type = parseTypeId(query.profileType)?.label ?? query.profileType;
  const others = (query.matchers ?? []).filter((m) => !(m.name === SERVICE_LABEL && m.op === '='));
  const what = serviceOf(query) ?? query.selector;
  const extra = others.length > 0 ? ` {${others.map((m) => `${m.name}${m.op}${m.value}`).join(',')}}` : '';
  return `${what}${extra} · ${type} · ${query.server.name} · ${rangeLabel ?? describeRange(query.range)}`;
}

/** The same query over the period just before. */
export function shiftedBack(query: ServerQuery): ServerQuery {
  return { ...query, range: previousPeriod(query.range) };
}

/** What a saved copy's sidecar records of the query (no credentials: they are never part of a query). */
export function recordQuery(query: ServerQuery): SidecarServerQuery {
  return {
    server: query.server.name,
    kind: query.server.kind,
    url: query.server.url,
    ...(query.server.tenant !== undefined ? { tenant: query.server.tenant } : {}),
    profileType: query.profileType,
    selector: query.selector,
    from: new Date(query.range.fromMs).toISOString(),
    to: new Date(query.range.toMs).toISOString(),
    ...(query.maxNodes ? { maxNodes: query.maxNodes } : {}),
  };
}
