/** Build errors in the Problems panel (one collection for all of Go Profiler's builds). */
import * as vscode from 'vscode';
import { parseBuildOutput } from './build-diagnostics';

export class BuildProblems implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('go-profiler-build');

  /** Replaces the problems with those in `output`; returns how many were found. */
  show(output: string, cwd: string): number {
    this.collection.clear();
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const p of parseBuildOutput(output, cwd)) {
      const line = Math.max(0, p.line - 1);
      const column = Math.max(0, p.column - 1);
      const diagnostic = new vscode.Diagnostic(new vscode.Range(line, column, line, column + 1), p.message, vscode.DiagnosticSeverity.Error);
      diagnostic.source = 'go build (Go Profiler)';
      const list = byFile.get(p.file) ?? [];
      list.push(diagnostic);
      byFile.set(p.file, list);
    }
    for (const [file, list] of byFile) this.collection.set(vscode.Uri.file(file), list);
    return [...byFile.values()].reduce((n, l) => n + l.length, 0);
  }

  /** Clears only when something is shown: clearing an empty collection still makes VS Code schedule a flush timer. */
  clear(): void {
    let shown = false;
    this.collection.forEach(() => (shown = true));
    if (shown) this.collection.clear();
  }

  dispose(): void {
    this.collection.dispose();
  }
}
