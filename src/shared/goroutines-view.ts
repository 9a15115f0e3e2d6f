/** The goroutines view's request (the view query) and data (worker → host → webview). */
import { checkedMethod } from './rpc';
import { parseViewQuery } from './validate-views';
import type { ViewQuery } from './view-model';

export interface GoroutineFrameView {
  readonly name: string;
  readonly file: string;
  /** 0 when unknown. */
  readonly line: number;
}

export interface GoroutineGroupView {
  readonly count: number;
  /** "chan receive ×3, select" (from the dump; empty from profile samples). */
  readonly stateText: string;
  /** "2–5 minutes" (from the dump, when Go printed it); else empty. */
  readonly waitText: string;
  /** Innermost frame first. */
  readonly frames: readonly GoroutineFrameView[];
  readonly createdBy?: GoroutineFrameView;
  /** The first goroutine ids of the group (from the dump). */
  readonly ids: readonly number[];
}

export interface GoroutinesView {
  /** "dump": the debug=2 text saved with the capture; "profile": the profile's samples. */
  readonly origin: 'dump' | 'profile';
  readonly total: number;
  readonly groups: readonly GoroutineGroupView[];
  /** Groups left out to keep the message small. */
  readonly omittedGroups: number;
}

export const goroutinesMethod = checkedMethod<ViewQuery, GoroutinesView>(parseViewQuery);
