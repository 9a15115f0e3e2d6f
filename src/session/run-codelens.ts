/** CodeLens "▶ Profile" above func main (package main) and "Profile" above each TestX/BenchmarkX. */
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { findGoDeclarations } from '../golang/go-declarations';

export const RUN_COMMAND = 'goProfiler.run';
export const RUN_WHOLE_COMMAND = 'goProfiler.runWholeRun';
export const PROFILE_TEST_COMMAND = 'goProfiler.profileTest';

export class RunCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (document.uri.scheme !== 'file') return [];
    const decl = findGoDeclarations(document.getText(), document.fileName);
    const dir = dirname(document.fileName);
    const lenses: vscode.CodeLens[] = [];
    for (const r of decl.runnables) {
      const range = new vscode.Range(r.line, 0, r.line, 0);
      if (r.kind === 'main') {
        lenses.push(
          new vscode.CodeLens(range, { title: '▶ Profile', tooltip: 'Run with Profiler', command: RUN_COMMAND, arguments: [{ packageDir: dir }] }),
          new vscode.CodeLens(range, {
            title: 'Profile whole run',
            tooltip: 'Run with Profiler: CPU from start to exit, heap and allocs at exit',
            command: RUN_WHOLE_COMMAND,
            arguments: [{ packageDir: dir }],
          }),
        );
      } else {
        lenses.push(
          new vscode.CodeLens(range, {
            title: 'Profile',
            tooltip: `go test ${r.kind === 'test' ? '-run' : '-bench'} '^${r.name}$' with CPU, memory, block and mutex profiles`,
            command: PROFILE_TEST_COMMAND,
            arguments: [{ pkgDir: dir, name: r.name, kind: r.kind }],
          }),
        );
      }
    }
    return lenses;
  }
}

export function registerRunCodeLens(): vscode.Disposable {
  return vscode.languages.registerCodeLensProvider({ language: 'go', scheme: 'file' }, new RunCodeLensProvider());
}
