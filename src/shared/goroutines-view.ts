/** The goroutines view's data (worker → host → webview), with its validator. */
import { isIndex, isRecord } from './guards';

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

function parseFrame(value: unknown): GoroutineFrameView | undefined {
  if (!isRecord(value)) return undefined;
  const { name, file, line } = value;
  return typeof name === 'string' && typeof file === 'string' && isIndex(line) ? { name, file, line } : undefined;
}

function parseGroup(value: unknown): GoroutineGroupView | undefined {
  if (!isRecord(value) || !Array.isArray(value.frames) || !Array.isArray(value.ids)) return undefined;
  const { count, stateText, waitText } = value;
  if (!isIndex(count) || typeof stateText !== 'string' || typeof waitText !== 'string') return undefined;
  const frames: GoroutineFrameView[] = [];
  for (const f of value.frames) {
    const frame = parseFrame(f);
    if (!frame) return undefined;
    frames.push(frame);
  }
  const ids: number[] = [];
  for (const id of value.ids) {
    if (!isIndex(id)) return undefined;
    ids.push(id);
  }
  if (value.createdBy === undefined) return { count, stateText, waitText, frames, ids };
  const createdBy = parseFrame(value.createdBy);
  return createdBy && { count, stateText, waitText, frames, createdBy, ids };
}

export function parseGoroutinesView(value: unknown): GoroutinesView | undefined {
  if (!isRecord(value) || !Array.isArray(value.groups)) return undefined;
  const { origin, total, omittedGroups } = value;
  if ((origin !== 'dump' && origin !== 'profile') || !isIndex(total) || !isIndex(omittedGroups)) return undefined;
  const groups: GoroutineGroupView[] = [];
  for (const g of value.groups) {
    const group = parseGroup(g);
    if (!group) return undefined;
    groups.push(group);
  }
  return { origin, total, groups, omittedGroups };
}
