/**
 * The goroutines view's data: from the debug=2 dump saved beside the capture when there is one
 * (ids, states, wait times, "created by"), else from the profile's samples (count = value).
 * With a base profile, each group gets the base's count for the same stack (leak finding), and
 * stacks only the base has are listed with a count of 0.
 */
import type { Profile } from '../pprof';
import { groupGoroutines, parseGoroutineDump, type DumpFrame, type DumpGroup } from '../analysis/goroutine-dump';
import { selectSampleType } from '../analysis/sample-type';
import { buildTraces } from '../analysis/traces';
import type { GoroutineFrameView, GoroutineGroupView, GoroutinesView } from '../shared/goroutines-view';
import type { ViewQuery } from '../shared/view-model';
import { toReportOptions } from './report-options';

/** Ids listed per group at most. */
const MAX_IDS = 50;

/** A group before its frames are interned into the view's frame table. */
interface Group {
  readonly count: number;
  readonly states: GoroutineGroupView['states'];
  readonly minWaitMinutes: number;
  readonly maxWaitMinutes: number;
  readonly frames: readonly DumpFrame[];
  readonly createdBy: DumpFrame | undefined;
  readonly ids: readonly number[];
}

export interface GoroutinesBase {
  readonly profile: Profile;
  readonly source: string;
}

export function buildGoroutinesView(profile: Profile, dump: string | undefined, query: ViewQuery, base?: GoroutinesBase): GoroutinesView {
  const goroutines = dump === undefined ? [] : parseGoroutineDump(dump);
  const origin = goroutines.length > 0 ? 'dump' : 'profile';
  const groups = origin === 'dump' ? groupGoroutines(goroutines).map(fromDump) : fromSamples(profile, query);
  const total = groups.reduce((n, g) => n + g.count, 0);
  const frames = new FrameTable();
  if (!base) return { origin, total, frames: frames.list, groups: groups.map((g) => frames.group(g)) };

  const baseList = fromSamples(base.profile, query);
  const baseGroups = new Map<string, Group>();
  for (const g of baseList) baseGroups.set(stackKey(g.frames), g);
  const out: GoroutineGroupView[] = [];
  for (const g of groups) {
    const key = stackKey(g.frames);
    out.push({ ...frames.group(g), baseCount: baseGroups.get(key)?.count ?? 0 });
    baseGroups.delete(key);
  }
  for (const g of baseGroups.values()) out.push({ ...frames.group({ ...g, count: 0 }), baseCount: g.count });
  const baseTotal = baseList.reduce((n, g) => n + g.count, 0);
  return { origin, total, frames: frames.list, groups: out, base: { source: base.source, total: baseTotal } };
}

/**
 * The same stack in the dump and in a profile: function names and lines, innermost first,
 * without the runtime's frames (the debug=2 dump hides them, the profile has them).
 */
function stackKey(frames: readonly DumpFrame[]): string {
  return frames
    .filter((f) => !f.name.startsWith('runtime.'))
    .map((f) => `${f.name}:${f.line}`)
    .join('\n');
}

class FrameTable {
  readonly list: GoroutineFrameView[] = [];
  private readonly index = new Map<string, number>();

  intern(f: DumpFrame): number {
    const key = `${f.name}\u0000${f.file}\u0000${f.line}`;
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.list.length;
      this.list.push({ name: f.name, file: f.file, line: f.line });
      this.index.set(key, i);
    }
    return i;
  }

  group(g: Group): GoroutineGroupView {
    const { count, states, minWaitMinutes, maxWaitMinutes, ids } = g;
    const view = { count, states, minWaitMinutes, maxWaitMinutes, frames: g.frames.map((f) => this.intern(f)), ids };
    return g.createdBy ? { ...view, createdBy: this.intern(g.createdBy) } : view;
  }
}

function fromDump(group: DumpGroup): Group {
  return {
    count: group.count,
    states: group.states,
    minWaitMinutes: group.minWaitMinutes,
    maxWaitMinutes: group.maxWaitMinutes,
    frames: group.frames,
    createdBy: group.createdBy,
    ids: group.goroutines.slice(0, MAX_IDS).map((g) => g.id),
  };
}

/** Samples with the same stack (at line granularity) as one group each, largest first. */
function fromSamples(profile: Profile, query: ViewQuery): Group[] {
  const sampleIndex = selectSampleType(profile, query.sampleIndex);
  const report = buildTraces(profile, { ...toReportOptions(query, sampleIndex), granularity: 'lines' });
  const byStack = new Map<string, { count: number; frames: readonly number[] }>();
  for (const t of report.traces) {
    const key = t.frames.join(',');
    const hit = byStack.get(key);
    if (hit) hit.count += t.value;
    else byStack.set(key, { count: t.value, frames: t.frames });
  }
  const frame = (i: number): DumpFrame => {
    const f = report.frames[i];
    return { name: f?.functionName || f?.name || '?', file: f?.file ?? '', line: f?.line || f?.startLine || 0 };
  };
  return [...byStack.values()]
    .sort((a, b) => b.count - a.count)
    .map((g) => ({ count: g.count, states: [], minWaitMinutes: 0, maxWaitMinutes: 0, frames: g.frames.map(frame), createdBy: undefined, ids: [] }));
}
