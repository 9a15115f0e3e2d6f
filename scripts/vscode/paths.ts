// Where the harness finds the repository, code-server, Chromium and its scratch folders.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheDir = join(repoRoot, '.cache');
export const codeServerDir = join(cacheDir, 'code-server', 'node_modules', 'code-server');
export const codeServerEntry = join(codeServerDir, 'out', 'node', 'entry.js');
export const vsixPath = join(cacheDir, 'go-profiler.vsix');
export const testResultsDir = join(repoRoot, 'test-results', 'vscode');
export const integrationOutDir = join(repoRoot, 'out', 'test', 'integration');
export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export const extensionId = 'go-profiler.go-profiler';

/** Fails with the command to run when code-server has not been installed yet. */
export function requireCodeServer(): string {
  if (!existsSync(codeServerEntry)) {
    throw new Error(
      `code-server is not installed (no ${codeServerEntry}).\n` +
        'Run scripts/install-code-server.sh once (.ci/run does this), then try again.',
    );
  }
  return codeServerEntry;
}

export function requireChromium(): string {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH).`);
  }
  return chromiumPath;
}
