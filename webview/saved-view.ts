/**
 * Applying a saved view to the profile on screen: the view's state, as far as this profile can
 * take it. The sample type goes by name; a type or tab this profile lacks is left as it is and
 * named in `notApplied` (the host tells the user). Fields this file does not know (added to
 * WebviewState later) are taken as they are.
 */
import type { WebviewState } from '../src/shared/protocol';
import type { ProfileSummary } from '../src/shared/view-model';
import { NO_FILTERS, savedFilters } from './filters';

export interface FittedView {
  /** The state to show: the view's fields that fit, over the current state. */
  readonly state: WebviewState;
  readonly notApplied: readonly string[];
}

export function fitView(
  view: WebviewState,
  current: WebviewState,
  summary: ProfileSummary,
  tabFits: (id: string) => boolean,
): FittedView {
  const notApplied: string[] = [];
  const { sampleIndex: _index, sampleType, view: tab, ...rest } = view;
  const state: { -readonly [K in keyof WebviewState]: WebviewState[K] } = { ...current, ...rest };
  // A view without filters, transforms or zoom was saved with none: apply "none", not what is on screen.
  state.filters = view.filters ?? savedFilters(NO_FILTERS).filters;
  state.transforms = view.transforms ?? [];
  state.zoomPath = view.zoomPath ?? [];
  if (sampleType !== undefined) {
    const index = summary.sampleTypes.findIndex((t) => t.type === sampleType);
    if (index >= 0) {
      state.sampleIndex = index;
      state.sampleType = sampleType;
    } else {
      const has = summary.sampleTypes.map((t) => t.type).join(', ');
      notApplied.push(`sample type "${sampleType}" (this profile has ${has})`);
    }
  }
  if (tab !== undefined) {
    if (tabFits(tab)) state.view = tab;
    else notApplied.push(`the "${tab}" tab (not shown for this profile)`);
  }
  return { state, notApplied };
}
