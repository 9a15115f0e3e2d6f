/**
 * The goroutines view's data (worker → host → webview), with its validator. Every group is
 * sent (the webview lists them virtually); frames are sent once in a table and referred to by
 * index, so 20,000 groups with deep stacks stay a few megabytes.
 */
import { isIndex, isRecord } from './guards';

export interface GoroutineFrameView {
  readonly name: string;
  readonly file: string;
  /** 0 when unknown. */
  readonly line: number;
}

export interface GoroutineStateCount {
  readonly state: string;
  readonly count: number;
}

export interface GoroutineGroupView {
  readonly count: number;
  /** Goroutines per state ("chan receive", "select", …), most first; empty from profile samples. */
  readonly states: readonly GoroutineStateCount[];
  /** Minutes blocked, as the dump printed them (0 when not printed or from profile samples). */
  readonly minWaitMinutes: number;
  readonly maxWaitMinutes: number;
  /** Indexes into `GoroutinesView.frames`, innermost frame first. */
  readonly frames: readonly number[];
  readonly createdBy?: number;
  /** The first goroutine ids of the group (from the dump). */
  readonly ids: readonly number[];
  /** With a base profile: the goroutines with the same stack in the base (0 when new). */
  readonly baseCount?: number;
}

export interface GoroutinesView {
  /** "dump": the debug=2 text saved with the capture; "profile": the profile's samples. */
  readonly origin: 'dump' | 'profile';
  readonly total: number;
  readonly frames: readonly GoroutineFrameView[];
  /** Every group, largest first. */
  readonly groups: readonly GoroutineGroupView[];
  /** With a base profile: its name and goroutine count. */
  readonly base?: { readonly source: string; readonly total: number };
}

/** "chan receive ×3, select" (one state: its name alone). */
export function stateText(group: GoroutineGroupView): string {
  return group.states.map((s) => (group.states.length > 1 ? `${s.state} ×${s.count}` : s.state)).join(', ');
}

/** "2–5 minutes", "1 minute"; empty when the dump printed no wait. */
export function waitText(group: GoroutineGroupView): string {
  const { minWaitMinutes: min, maxWaitMinutes: max } = group;
  const unit = (n: number): string => (n === 1 ? '1 minute' : `${n} minutes`);
  return max === 0 ? '' : min === max ? unit(max) : `${min}–${unit(max)}`;
}

function parseFrame(value: unknown): GoroutineFrameView | undefined {
  if (!isRecord(value)) return undefined;
  const { name, file, line } = value;
  return typeof name === 'string' && typeof file === 'string' && isIndex(line) ? { name, file, line } : undefined;
}

function parseIndexes(value: unknown, below: number): number[] | undefined {
  if (!Array.isArray(value)) return undefined;
  for (const v of value) if (!isIndex(v) || v >= below) return undefined;
  return value as number[];
}

function parseStates(value: unknown): GoroutineStateCount[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: GoroutineStateCount[] = [];
  for (const s of value) {
    if (!isRecord(s) || typeof s.state !== 'string' || !isIndex(s.count)) return undefined;
    out.push({ state: s.state, count: s.count });
  }
  return out;
}

function parseGroup(value: unknown, frameCount: number): GoroutineGroupView | undefined {
  if (!isRecord(value)) return undefined;
  const { count, minWaitMinutes, maxWaitMinutes, createdBy, baseCount } = value;
  if (!isIndex(count) || !isIndex(minWaitMinutes) || !isIndex(maxWaitMinutes)) return undefined;
  const frames = parseIndexes(value.frames, frameCount);
  const ids = parseIndexes(value.ids, Number.MAX_SAFE_INTEGER);
  const states = parseStates(value.states);
  if (!frames || !ids || !states) return undefined;
  if (createdBy !== undefined && !(isIndex(createdBy) && createdBy < frameCount)) return undefined;
  if (baseCount !== undefined && !isIndex(baseCount)) return undefined;
  return {
    count,
    states,
    minWaitMinutes,
    maxWaitMinutes,
    frames,
    ids,
    ...(createdBy !== undefined ? { createdBy } : {}),
    ...(baseCount !== undefined ? { baseCount } : {}),
  };
}

export function parseGoroutinesView(value: unknown): GoroutinesView | undefined {
  if (!isRecord(value) || !Array.isArray(value.groups) || !Array.isArray(value.frames)) return undefined;
  const { origin, total, base } = value;
  if ((origin !== 'dump' && origin !== 'profile') || !isIndex(total)) return undefined;
  const frames: GoroutineFrameView[] = [];
  for (const f of value.frames) {
    const frame = parseFrame(f);
    if (!frame) return undefined;
    frames.push(frame);
  }
  const groups: GoroutineGroupView[] = [];
  for (const g of value.groups) {
    const group = parseGroup(g, frames.length);
    if (!group) return undefined;
    groups.push(group);
  }
  if (base === undefined) return { origin, total, frames, groups };
  if (!isRecord(base) || typeof base.source !== 'string' || !isIndex(base.total)) return undefined;
  return { origin, total, frames, groups, base: { source: base.source, total: base.total } };
}
