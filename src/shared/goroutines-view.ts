/**
 * The goroutines view's request (the view query) and data (worker → host → webview). Every
 * group is sent (the webview lists them virtually); frames are sent once in a table and
 * referred to by index, so 20,000 groups with deep stacks stay a few megabytes.
 */
import { checkedMethod } from './rpc';
import { parseViewQuery } from './validate-views';
import type { ViewQuery } from './view-model';

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

export const goroutinesMethod = checkedMethod<ViewQuery, GoroutinesView>(parseViewQuery);
