// A fresh set of folders for one harness run, so nothing leaks between runs or into $HOME.
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from './paths';
import { processesTaggedWith } from './processes';

export interface RunDirs {
  id: string;
  root: string;
  userData: string;
  extensions: string;
  xdg: string;
  chromiumProfile: string;
  chromiumXdg: string;
  workspace: string;
}

/** Settings that keep code-server quiet: no start page, no update or telemetry calls. */
export const quietSettings: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
};

export function createRunDirs(base = join(cacheDir, 'vscode-run'), id = `${Date.now()}-${process.pid}`): RunDirs {
  const root = join(base, id);
  const dirs: RunDirs = {
    id,
    root,
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    xdg: join(root, 'xdg'),
    chromiumProfile: join(root, 'chromium-profile'),
    chromiumXdg: join(root, 'chromium-xdg'),
    workspace: join(root, 'workspace'),
  };
  for (const d of [dirs.userData, dirs.extensions, dirs.xdg, dirs.chromiumProfile, dirs.chromiumXdg, dirs.workspace]) {
    mkdirSync(d, { recursive: true });
  }
  writeUserSettings(dirs.userData);
  return dirs;
}

export function writeUserSettings(userData: string, overrides: Readonly<Record<string, unknown>> = {}): void {
  const userDir = join(userData, 'User');
  mkdirSync(userDir, { recursive: true });
  writeFileSync(join(userDir, 'settings.json'), JSON.stringify({ ...quietSettings, ...overrides }, null, 2));
  writeFileSync(join(userDir, 'keybindings.json'), JSON.stringify(testKeybindings, null, 2));
}

/** The key of goProfiler.cspViolations, which has no palette entry (tests read its log line). */
export const cspCountsKey = { playwright: 'Control+Shift+Alt+F9', vscode: 'ctrl+shift+alt+f9' } as const;
const testKeybindings = [{ key: cspCountsKey.vscode, command: 'goProfiler.cspViolations' }];

/**
 * Settings of a run that opens its folder in Restricted Mode: workspace trust on, no startup
 * prompt (a folder nobody trusted yet then opens untrusted), no banner covering the workbench.
 */
export const untrustedSettings: Readonly<Record<string, unknown>> = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.emptyWindow': false,
};

/**
 * Deletes folders of earlier harness runs (kept when a run failed, for their logs) once they are
 * older than `olderThanMs` and no process of theirs is alive. Only ever touches `base`'s children.
 */
export function pruneOldRuns(base = join(cacheDir, 'vscode-run'), olderThanMs = 6 * 3600_000): void {
  let names: string[];
  try {
    names = readdirSync(base);
  } catch {
    return;
  }
  for (const name of names) {
    if (!/^\d+-\d+$/.test(name)) continue;
    const dir = join(base, name);
    try {
      if (Date.now() - statSync(dir).mtimeMs < olderThanMs) continue;
      if (processesTaggedWith(name).length > 0) continue;
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // another run pruned it meanwhile
    }
  }
}
