/**
 * The diff views a comparison opens: head vs base of each changed benchmark's own profiles
 * (their tabs are named by the benchmark), CPU always and allocations when its B/op or
 * allocs/op changed; and a quick pick to open any benchmark's diff (or the merged one) later.
 */
import * as vscode from 'vscode';
import { deltaText } from '../benchstat/compare';
import type { BenchCompareResult, SavedSide } from '../capture/bench-compare';
import { COMPARE_WITH_COMMAND } from '../profile-editor/profile-commands';
import { openProfile } from '../session/capture-runner';

/** At most this many benchmarks' diffs open by themselves; the quick pick has the rest. */
const MAX_OPENED = 3;

type Pair = readonly [head: SavedSide['cpu'], base: SavedSide['cpu']];

function significant(result: BenchCompareResult, unit: string): Set<string> {
  return new Set(result.tables.find((t) => t.unit === unit)?.rows.filter((r) => r.significant).map((r) => r.name) ?? []);
}

/** The pairs to open for one benchmark, CPU last (the active one); none without its own base. */
function benchmarkPairs(result: BenchCompareResult, name: string, allocs: boolean): Pair[] {
  const own = result.benchmarks.find((b) => b.name === name);
  if (!own?.base) return [];
  return [...(allocs ? [[own.head.mem, own.base.mem] as const] : []), [own.head.cpu, own.base.cpu] as const];
}

async function openPairs(pairs: readonly Pair[]): Promise<void> {
  for (const [head, base] of pairs) {
    await openProfile(head.profilePath);
    await vscode.commands.executeCommand(COMPARE_WITH_COMMAND, vscode.Uri.file(base.profilePath));
  }
}

/** Benchmarks changed in sec/op (largest |delta| first), then those changed only in B/op or allocs/op. */
function changedNames(result: BenchCompareResult): { names: string[]; allocs: Set<string> } {
  const allocs = new Set([...significant(result, 'B/op'), ...significant(result, 'allocs/op')]);
  return { names: [...result.changed, ...[...allocs].filter((n) => !result.changed.includes(n))], allocs };
}

/**
 * Opens the changed benchmarks' diffs (the most changed last, so it is the active editor). When
 * none changed, or none kept its own base, the merged profiles' diff opens as before.
 */
export async function openDiffs(result: BenchCompareResult): Promise<void> {
  const { names, allocs } = changedNames(result);
  const groups = names.map((n) => benchmarkPairs(result, n, allocs.has(n))).filter((g) => g.length > 0).slice(0, MAX_OPENED);
  if (groups.length > 0) {
    await openPairs(groups.reverse().flat());
    return;
  }
  const allocsChanged = result.tables.some((t) => t.unit !== 'sec/op' && t.rows.some((r) => r.significant));
  await openPairs([...(allocsChanged ? [[result.head.mem, result.base.mem] as const] : []), [result.head.cpu, result.base.cpu] as const]);
}

/** True when some benchmark has both sides' own profiles (so there is something to pick). */
export function hasBenchmarkDiffs(result: BenchCompareResult): boolean {
  return result.benchmarks.some((b) => b.base !== undefined);
}

/** A quick pick of every benchmark with both sides' own profiles (its sec/op delta), and the merged profiles. */
export async function pickDiff(result: BenchCompareResult): Promise<void> {
  const time = result.tables.find((t) => t.unit === 'sec/op');
  const { names, allocs } = changedNames(result);
  const order = [...names, ...result.benchmarks.map((b) => b.name).filter((n) => !names.includes(n))];
  type Item = vscode.QuickPickItem & { readonly pairs: readonly Pair[] };
  const items: Item[] = order.flatMap((name) => {
    const pairs = benchmarkPairs(result, name, allocs.has(name));
    const row = time?.rows.find((r) => r.name === name);
    return pairs.length ? [{ label: name, description: row ? `sec/op ${deltaText(row)}` : '', ...(allocs.has(name) ? { detail: 'CPU and allocations' } : {}), pairs }] : [];
  });
  items.push({ label: 'All benchmarks (merged)', description: 'CPU', pairs: [[result.head.cpu, result.base.cpu]] });
  const chosen = await vscode.window.showQuickPick(items, { title: `Diff of ${result.head.label} vs ${result.base.label}`, placeHolder: 'Which benchmark?' });
  if (chosen) await openPairs(chosen.pairs);
}
