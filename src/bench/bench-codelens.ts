/** CodeLens "Compare with…" above each func BenchmarkX: that benchmark at two revisions. */
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { findGoDeclarations } from '../golang/go-declarations';

export const COMPARE_BENCHMARKS_COMMAND = 'goProfiler.compareBenchmarks';

/** Argument of the command: the package folder and, from a CodeLens, one benchmark. */
export interface BenchTarget {
  readonly pkgDir: string;
  readonly name?: string;
}

export class BenchCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (document.uri.scheme !== 'file') return [];
    const pkgDir = dirname(document.fileName);
    return findGoDeclarations(document.getText(), document.fileName)
      .runnables.filter((r) => r.kind === 'benchmark')
      .map((r) => {
        const target: BenchTarget = { pkgDir, name: r.name };
        return new vscode.CodeLens(new vscode.Range(r.line, 0, r.line, 0), {
          title: 'Compare with…',
          tooltip: `Run ${r.name} at another revision and on the working tree; compare times, allocations and profiles`,
          command: COMPARE_BENCHMARKS_COMMAND,
          arguments: [target],
        });
      });
  }
}
