/**
 * A bound on the work of expanding stacks into frames. A location holds its inlined calls as
 * lines, so a small file can ask for a great many frames: one location of 1,000 lines in a
 * stack of 100,000 of them (14 KB gzipped) is 100 million frames, and expanding them took
 * `tree` 1.4 GB and `traces`/`folded` 4-5 GB before they ran out of memory. Real profiles
 * expand to about one frame per location (1.0 on a 3-million-sample heap profile, up to 1.5 on
 * the Go runtime's own), so reports that expand stacks refuse past a budget: the default
 * 10 million frames, or FRAMES_PER_LOCATION per location of the stacks when that is more
 * (big profiles are bounded by their size, as everything else is). The top table never
 * expands stacks (it adds up per location) and needs no budget.
 */
import type { SampleTable } from '../pprof/profile';
import { uniqueStacksOf } from '../pprof/stack-interner';
import { OptionError } from '../shared/option-error';
import type { FilteredLocations } from './filters';

export const DEFAULT_FRAME_BUDGET = 10_000_000;
/** Frames per location reference any profile may expand to, however big the budget. */
export const FRAMES_PER_LOCATION = 4;

/** The stacks would expand past the frame budget. The message names the counts; callers add the source. */
export class FrameBudgetError extends OptionError {
  constructor(
    /** Frames the stacks expand to. */
    readonly frames: number,
    /** Location references in the stacks. */
    readonly locations: number,
    readonly budget: number,
  ) {
    super(
      `its stacks of ${count(locations)} locations expand to ${count(frames)} frames with their inlined calls, ` +
        `past the frame budget (${count(budget)} frames, or ${FRAMES_PER_LOCATION} per location when that is more); refusing to expand them`,
    );
  }
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** Which stacks a walk expands: each unique location stack once, or each sample's. */
export interface ExpansionPlan {
  readonly perSample: boolean;
  readonly sampleTypeIndex: number;
  /** Samples whose selected value is 0 are expanded too. */
  readonly keepZeroValues: boolean;
  /** Default DEFAULT_FRAME_BUDGET; 0 or less: no budget. */
  readonly budget: number | undefined;
}

/**
 * Throws a FrameBudgetError when the stacks `plan` walks would expand (with the lines each
 * location keeps after the filters) past the budget. Costs one pass over the unique stacks
 * and the samples, and nothing when no location has more than FRAMES_PER_LOCATION lines.
 */
export function checkFrameBudget(samples: SampleTable, filtered: FilteredLocations, plan: ExpansionPlan): void {
  const budget = plan.budget ?? DEFAULT_FRAME_BUDGET;
  if (budget <= 0) return;
  const { keptStart } = filtered;
  const locationCount = keptStart.length - 1;
  let most = 1;
  for (let l = 0; l < locationCount; l++) most = Math.max(most, keptStart[l + 1]! - keptStart[l]!);
  if (most <= FRAMES_PER_LOCATION) return;

  const unique = uniqueStacksOf(samples);
  const { start, locations, ofSample } = unique;
  const framesOf = new Float64Array(unique.count);
  for (let u = 0; u < unique.count; u++) {
    let frames = 0;
    for (let i = start[u]!; i < start[u + 1]!; i++) {
      const l = locations[i]!;
      // A location with no line left is one frame (see LocationFrames).
      frames += Math.max(1, keptStart[l + 1]! - keptStart[l]!);
    }
    framesOf[u] = frames;
  }
  const counted = plan.perSample ? undefined : new Uint8Array(unique.count);
  const { values, valueCount } = samples;
  let frames = 0;
  let refs = 0;
  for (let s = 0; s < samples.count; s++) {
    if (!plan.keepZeroValues && values[s * valueCount + plan.sampleTypeIndex] === 0) continue;
    const u = ofSample[s]!;
    if (counted) {
      if (counted[u] === 1) continue;
      counted[u] = 1;
    }
    frames += framesOf[u]!;
    refs += start[u + 1]! - start[u]!;
  }
  if (frames > Math.max(budget, FRAMES_PER_LOCATION * refs)) throw new FrameBudgetError(frames, refs, budget);
}
