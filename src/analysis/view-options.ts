/**
 * A saved view's state as report options: the one mapping from a WebviewState to the flags of
 * `go tool pprof` (the CLI's `--view`). The tab and the flame graph's zoom have no report
 * option and are left out; explicit flags are laid over the result by the caller.
 */
import { labelKeys } from '../shared/label-keys';
import type { WebviewState } from '../shared/protocol';
import type { ReportOptions } from './options';

export function reportOptionsFromView(state: WebviewState): ReportOptions {
  const options: { -readonly [K in keyof ReportOptions]: ReportOptions[K] } = {};
  const sampleIndex = state.sampleType ?? state.sampleIndex;
  if (sampleIndex !== undefined) options.sampleIndex = sampleIndex;
  if (state.transforms !== undefined && state.transforms.length > 0) options.transforms = state.transforms;
  const filters = state.filters;
  if (filters === undefined) return options;
  if (filters.granularity !== 'functions') options.granularity = filters.granularity;
  for (const field of ['focus', 'ignore', 'hide', 'show', 'tagFocus', 'tagIgnore'] as const) {
    if (filters[field] !== '') options[field] = filters[field];
  }
  if (labelKeys(filters.tagRoot).length > 0) options.tagRoot = labelKeys(filters.tagRoot);
  if (labelKeys(filters.tagLeaf).length > 0) options.tagLeaf = labelKeys(filters.tagLeaf);
  return options;
}
