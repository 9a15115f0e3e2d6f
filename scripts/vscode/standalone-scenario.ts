/**
 * Running one UI scenario on its own (scripts/vscode/run-*-scenario.ts), for quick
 * iteration: a fresh run folder and code-server with this run's own .vsix, the scenario's
 * steps, a check that no process is left, and the results printed as the full suite does.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { StepOutcome } from '../../test/integration/ui/profile-editor.scenario';
import { launchBrowser } from './browser';
import { installVsix, startCodeServer, type CodeServer } from './code-server';
import { goBuildCacheEnv } from './go-cache';
import { packageVsix } from './package-vsix';
import { requireChromium, requireCodeServer } from './paths';
import { createRunDirs, type RunDirs } from './run-dir';
import { shutDownRun } from './shut-down';
import { waitForCommand, waitForWorkbench, workbenchUrl } from './workbench';

/** Steps run against a fresh run folder and this run's own .vsix (so runs at the same time do not clash). */
export type StandaloneRun = (dirs: RunDirs, vsix: string) => Promise<StepOutcome[]>;

/** A scenario in the workbench of a code-server opened on the run's workspace, once `readyCommand` is registered. */
export function inWorkbench(readyCommand: string, scenario: (page: Page, dirs: RunDirs) => Promise<StepOutcome[]>): StandaloneRun {
  return async (dirs, vsix) => {
    let server: CodeServer | undefined;
    let browser: BrowserContext | undefined;
    const results: StepOutcome[] = [];
    try {
      installVsix(dirs, vsix);
      server = await startCodeServer(dirs, { workspace: dirs.workspace, env: goBuildCacheEnv() });
      browser = await launchBrowser(dirs);
      const page = await browser.newPage();
      await page.goto(workbenchUrl(server.url, dirs.workspace));
      await waitForWorkbench(page);
      await waitForCommand(page, readyCommand);
      results.push(...(await scenario(page, dirs)));
    } catch (e) {
      results.push({ title: 'harness', state: 'failed', error: e instanceof Error ? e.message : String(e) });
    } finally {
      results.push(await shutDownRun(browser, server, dirs, 'no process left behind'));
    }
    return results;
  };
}

/** Runs `run`, adds the no-process-left check, prints the results; resolves to the exit status. */
export async function runStandalone(run: StandaloneRun): Promise<number> {
  requireCodeServer();
  requireChromium();
  const dirs = createRunDirs();
  const vsix = packageVsix({ quiet: true, out: join(dirs.root, 'go-profiler.vsix') }).file;
  const results = await run(dirs, vsix);
  results.push(await shutDownRun(undefined, undefined, dirs, 'no process left behind at the end'));
  for (const r of results) console.log(`${r.state === 'passed' ? '  ✓' : '  ✗'} ${r.title}${r.error ? `\n      ${r.error}` : ''}`);
  const failed = results.filter((r) => r.state !== 'passed').length;
  if (failed === 0) rmSync(dirs.root, { recursive: true, force: true });
  else console.log(`logs: ${dirs.root}`);
  console.log(`${results.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

/** Entry point of a run-*-scenario.ts script. */
export function main(run: StandaloneRun): void {
  runStandalone(run).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
