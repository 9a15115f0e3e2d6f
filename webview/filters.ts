/** The filter part of the view query, its undo/redo history, and turning it into a ViewQuery. */
import { labelKeys } from '../src/shared/label-keys';
import type { SavedFilters, WebviewState } from '../src/shared/protocol';
import { sameTransforms, type Transform } from '../src/shared/transforms';
import type { GranularityView, ViewQuery } from '../src/shared/view-model';

export interface Filters {
  readonly granularity: GranularityView;
  readonly focus: string;
  readonly ignore: string;
  readonly hide: string;
  readonly show: string;
  readonly tagFocus: string;
  /** The right-click transforms, in the order applied; undo/redo walks them with the filters. */
  readonly transforms: readonly Transform[];
  readonly tagIgnore: string;
  /** Label keys, comma-separated as pprof's -tagroot / -tagleaf take them ('' = none). */
  readonly tagRoot: string;
  readonly tagLeaf: string;
}

export const FILTER_FIELDS = ['focus', 'ignore', 'hide', 'show'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

export const NO_FILTERS: Filters = {
  granularity: 'functions',
  focus: '',
  ignore: '',
  hide: '',
  show: '',
  tagFocus: '',
  transforms: [],
  tagIgnore: '',
  tagRoot: '',
  tagLeaf: '',
};

/** The query for the views: fields at their defaults are left out (pprof's defaults apply). */
export function viewQuery(sampleIndex: number, filters: Filters, diff: boolean): ViewQuery {
  const query: { -readonly [K in keyof ViewQuery]: ViewQuery[K] } = { sampleIndex };
  if (filters.granularity !== 'functions') query.granularity = filters.granularity;
  for (const field of FILTER_FIELDS) if (filters[field] !== '') query[field] = filters[field];
  if (filters.tagFocus !== '') query.tagFocus = filters.tagFocus;
  if (filters.transforms.length > 0) query.transforms = filters.transforms;
  if (filters.tagIgnore !== '') query.tagIgnore = filters.tagIgnore;
  if (filters.tagRoot !== '') query.tagRoot = labelKeys(filters.tagRoot);
  if (filters.tagLeaf !== '') query.tagLeaf = labelKeys(filters.tagLeaf);
  if (diff) query.diff = true;
  return query;
}

/** "a,b" → ["a", "b"]; "" → []. */
export { labelKeys };

/** `list` with `key` added at the end, or taken out when it is there. */
export function toggleLabelKey(list: string, key: string): string {
  const keys = labelKeys(list);
  return (keys.includes(key) ? keys.filter((k) => k !== key) : [...keys, key]).join(',');
}

export function sameFilters(a: Filters, b: Filters): boolean {
  return (Object.keys(a) as (keyof Filters)[]).every((k) => (k === 'transforms' ? sameTransforms(a[k], b[k]) : a[k] === b[k]));
}

/** The filters as kept in the webview state: the toolbar's in `filters`, the chain in `transforms`. */
export function savedFilters(filters: Filters): Pick<WebviewState, 'filters' | 'transforms'> {
  const { transforms, ...toolbar } = filters;
  const saved: SavedFilters = toolbar;
  return { filters: saved, transforms };
}

/** The filters a reloaded webview starts with, when its state kept any. */
export function restoredFilters(state: WebviewState): Filters | undefined {
  if (!state.filters && !state.transforms) return undefined;
  return { ...(state.filters ?? NO_FILTERS), transforms: state.transforms ?? [] };
}

/** A linear undo/redo history of filter states. */
export class FilterHistory {
  private readonly states: Filters[];
  private index = 0;

  constructor(initial: Filters = NO_FILTERS) {
    this.states = [initial];
  }

  get current(): Filters {
    return this.states[this.index]!;
  }

  get canUndo(): boolean {
    return this.index > 0;
  }

  get canRedo(): boolean {
    return this.index < this.states.length - 1;
  }

  push(next: Filters): boolean {
    if (sameFilters(next, this.current)) return false;
    this.states.length = this.index + 1;
    this.states.push(next);
    this.index++;
    return true;
  }

  undo(): Filters {
    if (this.canUndo) this.index--;
    return this.current;
  }

  redo(): Filters {
    if (this.canRedo) this.index++;
    return this.current;
  }
}

/** Go-syntax-safe literal for a regular expression (one definition, in src/shared/go-regexp.ts). */
export { quoteGoRegexp as escapeRegexp } from '../src/shared/go-regexp';
