/** Wires the benchmark comparison: its CodeLens, its command and the output channel of its table. */
import * as vscode from 'vscode';
import { BenchCodeLensProvider, COMPARE_BENCHMARKS_COMMAND } from './bench-codelens';
import { compareBenchmarksCommand, type BenchCompareDeps } from './bench-compare-command';

export function registerBenchFeatures(deps: Omit<BenchCompareDeps, 'table'>): vscode.Disposable[] {
  const table = vscode.window.createOutputChannel('Go Profiler: Benchmarks');
  const all = { ...deps, table };
  return [
    table,
    vscode.languages.registerCodeLensProvider({ language: 'go', scheme: 'file' }, new BenchCodeLensProvider()),
    vscode.commands.registerCommand(COMPARE_BENCHMARKS_COMMAND, (arg?: unknown) => compareBenchmarksCommand(all, arg)),
  ];
}
