/** The Sandwich tab's data: the two trees of analysis/sandwich.ts plus the peek rows. */
import type { Profile } from '../pprof';
import { selectSampleType } from '../analysis/sample-type';
import { buildStacks } from '../analysis/stacks';
import { buildSandwich } from '../analysis/sandwich';
import type { PeekParams } from '../shared/peek-view';
import type { SandwichView } from '../shared/sandwich-view';
import { toReportOptions } from './report-options';
import { buildPeekView, stackTreeView } from './tree-builders';

export function buildSandwichView(profile: Profile, params: PeekParams): SandwichView {
  const sampleIndex = selectSampleType(profile, params.sampleIndex);
  const options = toReportOptions(params, sampleIndex);
  const unit = profile.sampleTypes[sampleIndex]?.unit ?? '';
  const sandwich = buildSandwich(buildStacks(profile, options), params.name);
  return {
    peek: buildPeekView(profile, options, params.name, unit),
    callers: stackTreeView(sandwich.callers, sampleIndex, unit),
    callees: stackTreeView(sandwich.callees, sampleIndex, unit),
  };
}
