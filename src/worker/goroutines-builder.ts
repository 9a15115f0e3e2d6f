/**
 * The goroutines view's data: from the debug=2 dump saved beside the capture when there is one
 * (ids, states, wait times, "created by"), else from the profile's samples (count = value).
 */
import type { Profile } from '../pprof';
import { groupGoroutines, parseGoroutineDump, type DumpGroup } from '../analysis/goroutine-dump';
import { selectSampleType } from '../analysis/sample-type';
import { buildTraces } from '../analysis/traces';
import type { GoroutineFrameView, GoroutineGroupView, GoroutinesView } from '../shared/goroutines-view';
import type { ViewQuery } from '../shared/view-model';
import { toReportOptions } from './report-options';

/** Groups sent at most (the largest); ids listed per group at most. */
const MAX_GROUPS = 2000;
const MAX_IDS = 50;

export function buildGoroutinesView(profile: Profile, dump: string | undefined, query: ViewQuery): GoroutinesView {
  if (dump !== undefined) {
    const goroutines = parseGoroutineDump(dump);
    if (goroutines.length > 0) {
      const groups = groupGoroutines(goroutines);
      return { origin: 'dump', total: goroutines.length, groups: groups.slice(0, MAX_GROUPS).map(dumpGroupView), omittedGroups: Math.max(0, groups.length - MAX_GROUPS) };
    }
  }
  return fromSamples(profile, query);
}

function dumpGroupView(group: DumpGroup): GoroutineGroupView {
  const stateText = group.states.map((s) => (group.states.length > 1 ? `${s.state} ×${s.count}` : s.state)).join(', ');
  const { minWaitMinutes: min, maxWaitMinutes: max } = group;
  const waitText = max === 0 ? '' : min === max ? minutes(max) : `${min}–${minutes(max)}`;
  return {
    count: group.count,
    stateText,
    waitText,
    frames: group.frames,
    ...(group.createdBy ? { createdBy: group.createdBy } : {}),
    ids: group.goroutines.slice(0, MAX_IDS).map((g) => g.id),
  };
}

function minutes(n: number): string {
  return n === 1 ? '1 minute' : `${n} minutes`;
}

function fromSamples(profile: Profile, query: ViewQuery): GoroutinesView {
  const sampleIndex = selectSampleType(profile, query.sampleIndex);
  const report = buildTraces(profile, { ...toReportOptions(query, sampleIndex), granularity: 'lines' });
  const byStack = new Map<string, { count: number; frames: readonly number[] }>();
  for (const t of report.traces) {
    const key = t.frames.join(',');
    const hit = byStack.get(key);
    if (hit) hit.count += t.value;
    else byStack.set(key, { count: t.value, frames: t.frames });
  }
  const frameView = (i: number): GoroutineFrameView => {
    const f = report.frames[i];
    return { name: f?.functionName || f?.name || '?', file: f?.file ?? '', line: f?.line || f?.startLine || 0 };
  };
  const all = [...byStack.values()].sort((a, b) => b.count - a.count);
  const groups = all.slice(0, MAX_GROUPS).map((g) => ({ count: g.count, stateText: '', waitText: '', frames: g.frames.map(frameView), ids: [] }));
  let total = 0;
  for (const g of all) total += g.count;
  return { origin: 'profile', total, groups, omittedGroups: Math.max(0, all.length - MAX_GROUPS) };
}
