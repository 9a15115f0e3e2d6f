/**
 * Times of a server query: absolute (RFC 3339, or milliseconds since the epoch) or relative
 * to now (`now`, `-15m`, `-1h`, `-2d`, `-90s`, `-1w`). Pure; `now` is passed in.
 */
import { OptionError } from '../shared/option-error';

const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Milliseconds since the epoch for `text`; an OptionError naming `what` when it is not a time. */
export function parseTime(text: string, now: number, what = 'time'): number {
  const t = text.trim();
  if (t === 'now') return now;
  const relative = /^-(\d+(?:\.\d+)?)([smhdw])$/.exec(t);
  if (relative) return Math.round(now - Number(relative[1]) * UNIT_MS[relative[2]!]!);
  if (/^\d{10,}$/.test(t)) return Number(t);
  // RFC 3339 with a zone (Z or ±hh:mm); a time without a zone would depend on the machine.
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(t)) {
    const ms = Date.parse(t);
    if (Number.isFinite(ms)) return ms;
  }
  throw new OptionError(`${what} "${text}" is not a time: use now, -15m, -1h, -24h, -7d, or 2026-12-01T10:00:00Z`);
}

export interface TimeRange {
  readonly fromMs: number;
  readonly toMs: number;
}

/** Both ends parsed and in order; an OptionError otherwise. */
export function parseRange(from: string, to: string, now: number): TimeRange {
  const fromMs = parseTime(from, now, '--from');
  const toMs = parseTime(to, now, '--to');
  if (fromMs >= toMs) throw new OptionError(`--from (${from}) must be before --to (${to})`);
  return { fromMs, toMs };
}

/** The same length of time just before `range` ("compare with the previous period"). */
export function previousPeriod(range: TimeRange): TimeRange {
  const length = range.toMs - range.fromMs;
  return { fromMs: range.fromMs - length, toMs: range.fromMs };
}

/** `2026-12-01 10:00:00Z – 11:00:00Z`: short, UTC, the date once when both ends share it. */
export function describeRange(range: TimeRange): string {
  const from = new Date(range.fromMs).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  const to = new Date(range.toMs).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  return from.slice(0, 10) === to.slice(0, 10) ? `${from} – ${to.slice(11)}` : `${from} – ${to}`;
}

/** The ranges the pickers offer, as relative times. */
export const RECENT_RANGES: readonly { readonly label: string; readonly from: string }[] = [
  { label: 'Last 15 minutes', from: '-15m' },
  { label: 'Last hour', from: '-1h' },
  { label: 'Last 24 hours', from: '-24h' },
  { label: 'Last 7 days', from: '-7d' },
];
