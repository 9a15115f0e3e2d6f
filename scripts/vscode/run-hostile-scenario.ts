// Only the hostile-profile UI scenario (test/integration/ui/hostile-profile.scenario.ts) in a fresh
// code-server, for quick iteration: flock /tmp/vscode-suite.lock node --import tsx scripts/vscode/run-hostile-scenario.ts
// `npm run test:vscode` runs the same scenario together with everything else.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser } from './browser';
import { installVsix, startCodeServer, stopCodeServer, type CodeServer } from './code-server';
import { goBuildCacheEnv } from './go-cache';
import { packageVsix } from './package-vsix';
import { requireChromium, requireCodeServer } from './paths';
import { killProcesses, processesTaggedWith } from './processes';
import { createRunDirs } from './run-dir';
import { runHostileProfileScenario } from '../../test/integration/ui/hostile-profile.scenario';
import { waitForCommand, waitForWorkbench, workbenchUrl } from './workbench';

async function main(): Promise<number> {
  requireCodeServer();
  requireChromium();
  const dirs = createRunDirs();
  // A .vsix of this run's own, so runs at the same time do not clash.
  const vsix = packageVsix({ quiet: true, out: join(dirs.root, 'go-profiler.vsix') }).file;
  let server: CodeServer | undefined;
  let browser: BrowserContext | undefined;
  const results: { title: string; state: string; error?: string }[] = [];
  try {
    installVsix(dirs, vsix);
    server = await startCodeServer(dirs, { workspace: dirs.workspace, env: goBuildCacheEnv() });
    browser = await launchBrowser(dirs);
    const page = await browser.newPage();
    await page.goto(workbenchUrl(server.url, dirs.workspace));
    await waitForWorkbench(page);
    await waitForCommand(page, 'Go Profiler: Import Profile');
    results.push(...(await runHostileProfileScenario(page, dirs)));
  } catch (e) {
    results.push({ title: 'harness', state: 'failed', error: e instanceof Error ? e.message : String(e) });
  } finally {
    await browser?.close().catch(() => undefined);
    const strays = server ? await stopCodeServer(server, dirs) : [];
    const others = processesTaggedWith(dirs.id);
    killProcesses(others.map((p) => p.pid));
    const left = [...strays, ...others.map((p) => `${p.pid} ${p.command}`)];
    results.push(left.length === 0 ? { title: 'no process left behind', state: 'passed' } : { title: 'no process left behind', state: 'failed', error: left.join('\n') });
  }
  for (const r of results) console.log(`${r.state === 'passed' ? '  ✓' : '  ✗'} ${r.title}${r.error ? `\n      ${r.error}` : ''}`);
  const failed = results.filter((r) => r.state !== 'passed').length;
  if (failed === 0) rmSync(dirs.root, { recursive: true, force: true });
  else console.log(`logs: ${dirs.root}`);
  console.log(`${results.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
