// `npm run test:vscode`: the real-VS-Code suite. Packages the extension, installs the .vsix into
// a fresh code-server, drives the UI scenarios with Chromium, runs the in-host mocha suites, then
// a short second code-server with workspace trust on (Restricted Mode scenario), stops
// everything and prints one closing line: "N passed, N failed".
//   --vsix <file>   test this .vsix instead of packaging the repository
//   --keep          keep the run folder (.cache/vscode-run/<id>) even when everything passed
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser } from './browser';
import { bundleIntegrationTests } from './bundle-tests';
import { installVsix, startCodeServer, stopCodeServer, type CodeServer } from './code-server';
import { inHostGrepVariable, inHostResultsVariable, runInHostSuites, type TestOutcome } from './in-host';
import { packageVsix } from './package-vsix';
import { extensionId, requireChromium, requireCodeServer, testResultsDir } from './paths';
import { createRunDirs, pruneOldRuns, type RunDirs } from './run-dir';
import { prepareScenarioWorkspace } from './scenario-workspace';
import { screenshot, waitForCommand, waitForWorkbench, workbenchUrl } from './workbench';
import { shutDownRun } from './shut-down';
import { runProfileEditorScenario } from '../../test/integration/ui/profile-editor.scenario';
import { goBuildCacheEnv } from './go-cache';
import { runSessionScenario } from './session-scenario';
import { runEditorHintsScenario } from '../../test/integration/ui/editor-hints.scenario';
import { runHostileProfileScenario } from '../../test/integration/ui/hostile-profile.scenario';
import { runBenchCompareScenario } from '../../test/integration/ui/bench-compare.scenario';
import { runTransformsScenario } from '../../test/integration/ui/transforms.scenario';
import { runServersScenario } from '../../test/integration/ui/servers.scenario';
import { runSavedViewsScenario } from '../../test/integration/ui/saved-views.scenario';
import { runTraceEditorScenario } from '../../test/integration/ui/trace-editor.scenario';
import { runUntrustedVsCode } from './untrusted-run';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function installedExtensionFolder(extensionsDir: string): string {
  const name = readdirSync(extensionsDir).find((n) => n.startsWith(`${extensionId}-`));
  if (!name) throw new Error(`${extensionId} is not in ${extensionsDir} after --install-extension`);
  return join(extensionsDir, name);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** code-server leads its own process group, so Ctrl+C does not reach it: stop it ourselves. */
function stopOnSignal(server: CodeServer, dirs: RunDirs): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping code-server`);
      void stopCodeServer(server, dirs).finally(() => process.exit(130));
    });
  }
}

/** A hang guard for the whole run: report what finished, stop everything, fail. */
function armWatchdog(outcomes: readonly TestOutcome[], server: CodeServer, dirs: RunDirs): void {
  const minutes = Number(process.env['GO_PROFILER_TEST_VSCODE_LIMIT_MIN'] ?? 30);
  const timer = setTimeout(() => {
    console.error(`\nthe VS Code suite did not finish within ${minutes} min; stopping it (logs: ${dirs.root})`);
    for (const o of outcomes) console.log(`${o.state === 'passed' ? '  ✓' : '  ✗'} ${o.title}`);
    void stopCodeServer(server, dirs).finally(() => {
      const failed = outcomes.filter((o) => o.state === 'failed').length + 1;
      console.log(`${outcomes.length + 1 - failed} passed, ${failed} failed`);
      process.exit(1);
    });
  }, minutes * 60_000);
  timer.unref();
}

/** `--only REGEX`: run only the UI scenarios and in-host tests whose name matches (for a focused run while developing). */
const only = option('--only') === undefined ? undefined : new RegExp(option('--only') ?? '', 'i');
const wanted = (scenario: string): boolean => only === undefined || only.test(scenario);

async function main(): Promise<number> {
  requireCodeServer();
  requireChromium();
  const t0 = Date.now();
  pruneOldRuns();
  const dirs = createRunDirs();
  // Per-run .vsix and test bundles, so engineers running the suite at once do not clash.
  let vsix = option('--vsix');
  if (!vsix) {
    const pkg = packageVsix({ quiet: true, out: join(dirs.root, 'go-profiler.vsix') });
    console.log(`packaged ${pkg.file} (${(pkg.bytes / 1024).toFixed(1)} KiB, ${pkg.entries.length} entries)`);
    vsix = pkg.file;
  }
  const testsEntry = await bundleIntegrationTests(join(dirs.root, 'integration-tests'));
  rmSync(testResultsDir, { recursive: true, force: true });

  const outcomes: TestOutcome[] = [];
  let server: CodeServer | undefined;
  let browser: BrowserContext | undefined;
  const tRun = Date.now();
  try {
    const files = await prepareScenarioWorkspace(dirs.workspace);
    const tInstall = Date.now();
    installVsix(dirs, vsix);
    console.log(`installed ${vsix} with --install-extension (${seconds(Date.now() - tInstall)})`);
    const extensionPath = installedExtensionFolder(dirs.extensions);
    const resultsFile = join(dirs.root, 'in-host-results.json');
    const grep = only === undefined ? {} : { [inHostGrepVariable]: only.source };
    server = await startCodeServer(dirs, { workspace: dirs.workspace, env: { [inHostResultsVariable]: resultsFile, ...grep, ...goBuildCacheEnv() } });
    stopOnSignal(server, dirs);
    armWatchdog(outcomes, server, dirs);
    console.log(`code-server ${server.url} (run folder ${dirs.root})`);
    browser = await launchBrowser(dirs);

    const page = await browser.newPage();
    await page.goto(workbenchUrl(server.url, dirs.workspace));
    await waitForWorkbench(page);
    // The explorer opens files before extensions are known; wait as a user would for the extension.
    await waitForCommand(page, 'Go Profiler: Import Profile');
    console.log(`workbench ready with the extension's commands (${seconds(Date.now() - tRun)} into the run)`);
    await screenshot(page, 'workbench');
    if (wanted('profile editor')) for (const o of await runProfileEditorScenario(page, dirs.workspace, files)) outcomes.push({ ...o, title: `UI: ${o.title}` });
    if (wanted('session')) for (const o of await runSessionScenario(page, dirs.workspace)) outcomes.push({ ...o, title: `UI: ${o.title}` });
    if (wanted('editor hints')) for (const o of await runEditorHintsScenario(page, dirs.workspace)) outcomes.push({ ...o, title: `UI: ${o.title}` });
    if (wanted('hostile profile')) for (const o of await runHostileProfileScenario(page, dirs)) outcomes.push({ ...o, title: `UI: ${o.title}` });
    if (wanted('compare benchmarks')) for (const o of await runBenchCompareScenario(page, dirs)) outcomes.push({ ...o, title: `UI: ${o.title}` });
    if (wanted('servers')) for (const o of await runServersScenario(page, dirs.workspace)) outcomes.push({ ...o, title: `UI: ${o.title}` });
    if (wanted('transforms')) for (const o of await runTransformsScenario(page, dirs.workspace)) outcomes.push({ ...o, title: `UI: ${o.title}` });
    if (wanted('saved views')) for (const o of await runSavedViewsScenario(page, dirs.workspace, files)) outcomes.push({ ...o, title: `UI: ${o.title}` });
    if (wanted('trace editor')) for (const o of await runTraceEditorScenario(page, dirs.workspace)) outcomes.push({ ...o, title: `UI: ${o.title}` });
    await page.close();

    console.log('running the in-host mocha suites');
    const tInHost = Date.now();
    const inHost = await runInHostSuites(browser, {
      server,
      workspace: dirs.workspace,
      extensionPath,
      testsEntry,
      resultsFile,
      mayRunNone: only !== undefined,
    });
    for (const o of inHost) outcomes.push({ ...o, title: `in-host: ${o.title}` });
    console.log(`in-host mocha run, window included: ${seconds(Date.now() - tInHost)}`);

    // Restricted Mode needs workspace trust on: a second, short code-server of its own.
    if (wanted('untrusted')) {
      const tUntrusted = Date.now();
      for (const o of await runUntrustedVsCode(vsix, dirs)) outcomes.push({ ...o, title: `UI: ${o.title}` });
      console.log(`untrusted-folder run: ${seconds(Date.now() - tUntrusted)}`);
    }
  } catch (e) {
    outcomes.push({ title: 'harness', state: 'failed', error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  } finally {
    outcomes.push(await shutDownRun(browser, server, dirs, 'harness: no process left behind'));
  }

  const failed = outcomes.filter((o) => o.state === 'failed');
  for (const o of outcomes) {
    const took = o.ms === undefined ? '' : ` (${seconds(o.ms)})`;
    console.log(`${o.state === 'passed' ? '  ✓' : '  ✗'} ${o.title}${took}`);
    if (o.error) console.log(o.error.replace(/^/gm, '      '));
  }
  console.log(`screenshots: ${testResultsDir}`);
  console.log(`VS Code part: ${seconds(Date.now() - tRun)} (with packaging ${seconds(Date.now() - t0)})`);
  if (failed.length === 0 && !process.argv.includes('--keep')) rmSync(dirs.root, { recursive: true, force: true });
  else console.log(`logs: ${dirs.root}`);
  console.log(`${outcomes.length - failed.length} passed, ${failed.length} failed`);
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
