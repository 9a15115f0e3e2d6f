// Shared bits of the in-host suites: the extension's identity, the repository's fixtures, setup hooks.
import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';

export const extensionId = 'go-profiler.go-profiler';
export const profileViewType = 'goProfiler.profile';

/** Set by the bundler (scripts/vscode/bundle-tests.ts): the bundles may live outside the repository. */
declare const GO_PROFILER_REPO_ROOT: string;
export const repoRoot: string = GO_PROFILER_REPO_ROOT;
export const largeCpuProfile = join(repoRoot, 'test', 'fixtures', 'profiles', 'large.cpu.pb.gz');

export { eventually } from '../support/eventually';

/**
 * Mocha hooks for a suite that runs real Go programs in the extension host: the extension
 * activated and a fresh temporary folder as goProfiler.profilesFolder, removed after the suite.
 * The returned object's `path` is set once the suite's `before` hooks run.
 */
export function useTemporaryProfilesFolder(prefix: string): { path: string } {
  const folder = { path: '' };
  before(async () => {
    // code-server moves XDG_CACHE_HOME to a scratch folder; without this the first build
    // would compile the standard library from scratch.
    process.env.GOCACHE ??= join(homedir(), '.cache', 'go-build');
    folder.path = mkdtempSync(join(tmpdir(), prefix));
    await vscode.workspace.getConfiguration('goProfiler').update('profilesFolder', folder.path, vscode.ConfigurationTarget.Global);
    await vscode.extensions.getExtension(extensionId)!.activate();
  });
  after(async () => {
    await vscode.workspace.getConfiguration('goProfiler').update('profilesFolder', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(folder.path, { recursive: true, force: true });
  });
  return folder;
}
