/**
 * The Labels tab: every label key of the profile with its values and their share of the
 * selected sample type, over the samples the view query keeps (pprof's -tags, plus the samples
 * without the key). Numbers raw, `...Text` formatted like pprof.
 */
import { checkedMethod } from './rpc';
import { parseViewQuery } from './validate-views';
import type { ViewQuery } from './view-model';

export interface LabelValueRow {
  /** As pprof -tags prints it ("hot", "256kB"). */
  readonly value: string;
  readonly total: number;
  readonly totalText: string;
  /** Of the profile's total, e.g. "39.05%". */
  readonly percentText: string;
  /** The tagfocus / tagignore expression that selects exactly this value. */
  readonly filter: string;
}

export interface LabelKeyRows {
  readonly key: string;
  readonly numeric: boolean;
  /** The numeric values' unit; "" for string labels. */
  readonly unit: string;
  readonly totalText: string;
  readonly percentText: string;
  /** Largest first. */
  readonly values: readonly LabelValueRow[];
  /** The samples without this key; total 0 when every kept sample has it. */
  readonly none: { readonly total: number; readonly totalText: string; readonly percentText: string };
}

export interface LabelsView {
  readonly sampleIndex: number;
  /** The profile's total of the sample type, which the percentages are of. */
  readonly total: number;
  readonly totalText: string;
  /** By key name; empty when the profile (or what the filters keep) has no labels. */
  readonly keys: readonly LabelKeyRows[];
}

export const labelsMethod = checkedMethod<ViewQuery, LabelsView>(parseViewQuery);
