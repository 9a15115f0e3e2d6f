/**
 * The JSON summary of a comparison (`go-profiler bench-compare --json`, and the file saved
 * beside the profiles): per benchmark the base and head medians of sec/op, B/op and
 * allocs/op, the sec/op delta in %, its p value and verdict; and the merged CPU profiles. Pure.
 */
import type { UnitTable } from './compare';

export interface SideValues {
  readonly secPerOp: number | null;
  readonly bytesPerOp: number | null;
  readonly allocsPerOp: number | null;
}

export interface BenchSummary {
  readonly name: string;
  readonly base: SideValues;
  readonly head: SideValues;
  /** (head/base - 1) * 100 of the sec/op medians; null without both or with a zero base. */
  readonly deltaPct: number | null;
  /** The U test's p value for sec/op; null without both sides. */
  readonly p: number | null;
  readonly significant: boolean;
}

export interface CompareSummary {
  readonly benchmarks: readonly BenchSummary[];
  readonly profiles: { readonly base: string; readonly head: string };
}

export function compareSummary(tables: readonly UnitTable[], profiles: CompareSummary['profiles']): CompareSummary {
  const unit = (u: string): UnitTable | undefined => tables.find((t) => t.unit === u);
  const time = unit('sec/op');
  const names = [...new Set(tables.flatMap((t) => t.rows.map((r) => r.name)))];
  const value = (u: string, name: string, side: 'base' | 'head'): number | null => unit(u)?.rows.find((r) => r.name === name)?.[side]?.center ?? null;
  const values = (name: string, side: 'base' | 'head'): SideValues => ({
    secPerOp: value('sec/op', name, side),
    bytesPerOp: value('B/op', name, side),
    allocsPerOp: value('allocs/op', name, side),
  });
  const benchmarks = names.map((name) => {
    const row = time?.rows.find((r) => r.name === name);
    return {
      name,
      base: values(name, 'base'),
      head: values(name, 'head'),
      deltaPct: row?.deltaPct ?? null,
      p: row?.p ?? null,
      significant: row?.significant ?? false,
    };
  });
  return { benchmarks, profiles };
}
