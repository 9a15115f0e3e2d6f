/**
 * What Run with Profiler runs: the active file's main package, or a pick among the
 * workspace's main packages (go list) and its launch.json "go" configurations.
 */
import { dirname } from 'node:path';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { runTool } from '../capture/process';
import { findGoDeclarations } from '../golang/go-declarations';
import { GO_LIST_MAIN_TEMPLATE, parseMainPackages } from '../golang/go-list';
import { goLaunchConfigs, runTargetFromConfig, type RunTarget } from './launch-config';

export function packageTarget(dir: string, label: string): RunTarget {
  return { label, packageDir: dir, cwd: dir, args: [], env: {}, envFiles: [], buildFlags: [] };
}

function activeMainPackage(): RunTarget | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || doc.languageId !== 'go' || doc.uri.scheme !== 'file' || doc.fileName.endsWith('_test.go')) return undefined;
  const decl = findGoDeclarations(doc.getText(), doc.fileName);
  if (decl.packageName !== 'main') return undefined;
  const dir = dirname(doc.fileName);
  return packageTarget(dir, dir.split(/[\\/]/).pop() ?? dir);
}

interface TargetItem extends vscode.QuickPickItem {
  readonly target: RunTarget;
}

async function workspaceTargets(go: string): Promise<TargetItem[]> {
  const items: TargetItem[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const root = folder.uri.fsPath;
    const launch = vscode.workspace.getConfiguration('launch', folder.uri).get<unknown[]>('configurations') ?? [];
    const ctx = { workspaceFolder: root, file: vscode.window.activeTextEditor?.document.fileName, env: process.env, userHome: homedir() };
    for (const config of goLaunchConfigs({ configurations: launch })) {
      const target = runTargetFromConfig(config, ctx);
      items.push({ label: `$(debug-alt) ${config.name}`, description: 'launch.json', detail: target.packageDir, target });
    }
  }
  // Every module in the workspace (a folder's go.mod need not be at its root).
  const modules = await vscode.workspace.findFiles('**/go.mod', '{**/node_modules/**,**/vendor/**,**/testdata/**}', 50);
  const seen = new Set<string>();
  for (const mod of modules.sort((a, b) => a.fsPath.localeCompare(b.fsPath))) {
    const list = await runTool(go, ['list', '-e', '-f', GO_LIST_MAIN_TEMPLATE, './...'], { cwd: dirname(mod.fsPath) });
    for (const pkg of parseMainPackages(list.stdout)) {
      if (seen.has(pkg.dir)) continue;
      seen.add(pkg.dir);
      const target = packageTarget(pkg.dir, pkg.importPath.split('/').pop() ?? pkg.importPath);
      items.push({ label: `$(package) ${pkg.importPath}`, description: 'main package', detail: pkg.dir, target });
    }
  }
  return items;
}

/** The active main package, or the user's pick; undefined if none or cancelled (after saying why). */
export async function chooseRunTarget(go: string): Promise<RunTarget | undefined> {
  const active = activeMainPackage();
  if (active) return active;
  const items = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Go Profiler: finding main packages' },
    () => workspaceTargets(go),
  );
  if (items.length === 0) {
    void vscode.window.showErrorMessage(
      'Go Profiler: no main package found (the active file is not in package main, go list ./... found none, and launch.json has no "go" configuration).',
    );
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(items, { title: 'Run with Profiler', placeHolder: 'Which program?', matchOnDetail: true });
  return pick?.target;
}
