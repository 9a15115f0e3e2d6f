/**
 * The trace bench's line on the timeline's first appearance: the longest frame interval from the
 * data's arrival to the first complete paint (that frame's task, rendering included; 16.7 ms at
 * 60 fps when nothing runs long) and the tasks over 50 ms that began in that span, per run.
 */
import { median } from './measure-process';
import { formatMs } from './table';

export interface FirstPaintNumbers {
  /** The longest frame interval from the message to the first complete paint, ms. */
  readonly firstLongestFrameMs: number;
  /** Tasks over 50 ms that began before the first complete paint, ms each. */
  readonly firstLongTasks: readonly number[];
}

export function firstPaintLine(pages: readonly FirstPaintNumbers[]): string {
  const frames = pages.map((p) => p.firstLongestFrameMs);
  const tasks = pages.flatMap((p) => p.firstLongTasks);
  return `Data -> first complete timeline paint: longest frame interval median ${formatMs(median(frames))} (runs: ${frames.map((f) => formatMs(f)).join(', ')}); tasks over 50 ms in that span: ${tasks.length === 0 ? 'none' : tasks.map((t) => formatMs(t)).join(', ')}.`;
}
