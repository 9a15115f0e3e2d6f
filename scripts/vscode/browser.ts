// Debian's Chromium driven by playwright-core (no browser download), with a fresh profile.
import { chromium, type BrowserContext } from 'playwright-core';
import { join } from 'node:path';
import { requireChromium } from './paths';
import type { RunDirs } from './run-dir';
import { runTagVariable } from './processes';

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(dirs: RunDirs): Promise<BrowserContext> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  env['XDG_CONFIG_HOME'] = join(dirs.chromiumXdg, 'config');
  env['XDG_CACHE_HOME'] = join(dirs.chromiumXdg, 'cache');
  env[runTagVariable] = dirs.id;
  return chromium.launchPersistentContext(dirs.chromiumProfile, {
    executablePath: requireChromium(),
    headless: true,
    args: chromiumArgs,
    env,
    viewport: { width: 1400, height: 900 },
  });
}
