/**
 * "Go Profiler: Compare Benchmarks…" (and the "Compare with…" CodeLens): picks a base and a
 * head revision, runs the comparison with progress and Cancel, writes the benchstat-like
 * table to its output channel, refreshes Recent Profiles, and opens the diff of head vs base
 * (CPU; allocations too when they changed), whose hints show signed per-line deltas.
 */
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { deltaText, pText } from '../benchstat/compare';
import { formatTables } from '../benchstat/table-text';
import { compareBenchmarkRevisions, DEFAULT_BENCH_COUNT, type BenchCompareResult } from '../capture/bench-compare';
import { exactBenchPattern } from '../capture/bench-runs';
import { CaptureError } from '../capture/errors';
import { repositoryRoot } from '../capture/git-worktree';
import { lastSavedSummary } from '../capture/saved-bench';
import { COMPARE_WITH_COMMAND } from '../profile-editor/profile-commands';
import { openProfile } from '../session/capture-runner';
import { findGoCommand } from '../session/go-command';
import { requireTrust } from '../session/trust';
import type { BenchTarget } from './bench-codelens';
import { pickRevisions } from './pick-revisions';

export interface BenchCompareDeps {
  readonly folder: () => string;
  readonly onSaved: () => void;
  readonly table: vscode.OutputChannel;
  readonly log: vscode.LogOutputChannel;
}

/** What the command was given (a CodeLens target) or, from the palette, the active Go file's package. */
function targetOf(arg: unknown): BenchTarget | undefined {
  if (arg && typeof arg === 'object' && typeof (arg as BenchTarget).pkgDir === 'string') {
    const { pkgDir, name } = arg as BenchTarget;
    return { pkgDir, ...(typeof name === 'string' ? { name } : {}) };
  }
  const doc = vscode.window.activeTextEditor?.document;
  return doc?.languageId === 'go' && doc.uri.scheme === 'file' ? { pkgDir: dirname(doc.fileName) } : undefined;
}

export async function compareBenchmarksCommand(deps: BenchCompareDeps, arg: unknown): Promise<BenchCompareResult | undefined> {
  const target = targetOf(arg);
  if (!target) {
    void vscode.window.showInformationMessage('Go Profiler: open a Go test file (or use the "Compare with…" CodeLens above a BenchmarkX function).');
    return undefined;
  }
  const what = target.name ?? 'benchmarks';
  if (!requireTrust(`Comparing ${what}`)) return undefined;
  const go = findGoCommand(`compare ${what}`);
  if (!go) return undefined;
  let bench = target.name === undefined ? undefined : exactBenchPattern(target.name);
  try {
    const repo = await repositoryRoot(target.pkgDir);
    const revisions = await pickRevisions(repo, what, await lastSavedSummary(deps.folder()));
    if (!revisions) return undefined;
    if (bench === undefined) {
      bench = await vscode.window.showInputBox({ title: 'Compare benchmarks: which ones?', prompt: 'A go test -bench regular expression', value: '.' });
      if (bench === undefined) return undefined;
    }
    const config = vscode.workspace.getConfiguration('goProfiler.benchCompare');
    const count = config.get<number>('count', DEFAULT_BENCH_COUNT);
    const benchtime = config.get<string>('benchtime', '').trim();
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Go Profiler: comparing ${what}`, cancellable: true },
      (progress, token) => {
        const stop = new AbortController();
        token.onCancellationRequested(() => stop.abort());
        let reported = 0;
        return compareBenchmarkRevisions({
          cwd: target.pkgDir,
          base: revisions.base,
          ...(revisions.head !== undefined ? { head: revisions.head } : {}),
          bench: bench!,
          count,
          outDir: deps.folder(),
          go,
          extraFlags: benchtime ? [`-benchtime=${benchtime}`] : [],
          signal: stop.signal,
          onProgress: ({ done, total, what: step }) => {
            const increment = (100 * done) / total - reported;
            reported += increment;
            progress.report({ message: `${step} (${done}/${total} runs)`, increment });
          },
        });
      },
    );
    deps.onSaved();
    show(deps, result);
    await openDiffs(result);
    return result;
  } catch (e) {
    if (e instanceof CaptureError && e.failure === 'cancelled') {
      void vscode.window.showInformationMessage(`Go Profiler: comparison of ${what} cancelled; the temporary worktree is removed.`);
      return undefined;
    }
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof CaptureError && e.details) deps.log.error(e.details);
    deps.log.error(`compare ${what}: ${message}`);
    void vscode.window.showErrorMessage(`Go Profiler: ${message}`);
    return undefined;
  }
}

function show(deps: BenchCompareDeps, result: BenchCompareResult): void {
  deps.table.clear();
  deps.table.append(formatTables(result.tables, { base: result.base.label, head: result.head.label }));
  deps.table.append(`\nprofiles: ${result.base.cpu.profilePath} (base)\n          ${result.head.cpu.profilePath} (head)\nsummary:  ${result.summaryPath}\n`);
  deps.table.show(true);
  const time = result.tables.find((t) => t.unit === 'sec/op');
  const changed = (time?.rows ?? []).filter((r) => r.significant).map((r) => `${r.name} ${deltaText(r)} (${pText(r)})`);
  const text = changed.length ? `changed: ${changed.join(', ')}` : 'no significant change in sec/op';
  void vscode.window.showInformationMessage(`Go Profiler: ${result.base.label} → ${result.head.label}: ${text}.`);
}

/** Head vs base in the profile editor's diff: CPU always, allocations when B/op or allocs/op changed. */
async function openDiffs(result: BenchCompareResult): Promise<void> {
  const allocsChanged = result.tables.some((t) => t.unit !== 'sec/op' && t.rows.some((r) => r.significant));
  const pairs = [...(allocsChanged ? [[result.head.mem, result.base.mem] as const] : []), [result.head.cpu, result.base.cpu] as const];
  for (const [head, base] of pairs) {
    await openProfile(head.profilePath);
    await vscode.commands.executeCommand(COMPARE_WITH_COMMAND, vscode.Uri.file(base.profilePath));
  }
}
