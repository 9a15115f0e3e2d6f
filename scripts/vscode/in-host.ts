// Runs the mocha suites of test/integration inside code-server's Node extension host. code-server
// has no --extensionTestsPath flag; the workbench URL's `payload` carries it instead, and the
// exit code comes back through `codeAutomationExit`, a function the page calls when the suite ends.
import type { BrowserContext } from 'playwright-core';
import { existsSync, readFileSync } from 'node:fs';
import type { CodeServer } from './code-server';

export interface TestOutcome {
  title: string;
  state: 'passed' | 'failed';
  error?: string;
  ms?: number;
}

/** The variable test/integration/index.ts reads to know where to write its outcomes. */
export const inHostResultsVariable = 'GO_PROFILER_IN_HOST_RESULTS';
/** A regular expression: the in-host mocha run keeps only the tests whose full title matches. */
export const inHostGrepVariable = 'GO_PROFILER_IN_HOST_GREP';

export interface InHostOptions {
  server: CodeServer;
  workspace: string;
  /** Folder of the extension under test (e.g. the installed .vsix's folder). */
  extensionPath: string;
  /** Absolute path of the bundled mocha runner (out/test/integration/index.js). */
  testsEntry: string;
  /** File the server's environment names in GO_PROFILER_IN_HOST_RESULTS. */
  resultsFile: string;
  limitMs?: number;
  /** A focused run (`--only`) may match no in-host test: then an empty, successful suite is no failure. */
  mayRunNone?: boolean;
}

export function payloadUrl(o: Pick<InHostOptions, 'server' | 'workspace' | 'extensionPath' | 'testsEntry'>): string {
  const remote = (p: string): string => `vscode-remote://${o.server.host}:${o.server.port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(o.extensionPath)],
    ['extensionTestsPath', remote(o.testsEntry)],
  ];
  return `${o.server.url}/?folder=${encodeURIComponent(o.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

function after<T>(ms: number, value: T): { promise: Promise<T>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<T>((r) => (timer = setTimeout(() => r(value), ms)));
  return { promise, cancel: () => clearTimeout(timer) };
}

/** Runs the suites in a new window; every wait is bounded, so a stuck host ends as a failure. */
export async function runInHostSuites(context: BrowserContext, o: InHostOptions): Promise<TestOutcome[]> {
  const limitMs = o.limitMs ?? 600_000;
  const gaveUp = after(limitMs, 'timeout' as const);
  const page = await context.newPage();
  try {
    let reportExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((r) => (reportExit = r));
    const started = (async () => {
      await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));
      await page.goto(payloadUrl(o), { timeout: 60_000 });
      return exited;
    })();
    const code = await Promise.race([started, gaveUp.promise]);
    // The runner writes its file after every test, so a timeout still shows how far it got.
    const outcomes = existsSync(o.resultsFile) ? (JSON.parse(readFileSync(o.resultsFile, 'utf8')) as TestOutcome[]) : [];
    if (code === 'timeout') {
      outcomes.push({ title: 'in-host suite', state: 'failed', error: `did not finish within ${limitMs / 1000} s` });
    } else if (code !== 0 && !outcomes.some((t) => t.state === 'failed')) {
      outcomes.push({ title: 'in-host suite', state: 'failed', error: `extension host exited with code ${code}` });
    } else if (outcomes.length === 0 && !(o.mayRunNone === true && code === 0)) {
      outcomes.push({ title: 'in-host suite', state: 'failed', error: 'the suite ran no test (no results written)' });
    }
    return outcomes;
  } finally {
    gaveUp.cancel();
    const closing = after(10_000, undefined);
    await Promise.race([page.close().catch(() => undefined), closing.promise]);
    closing.cancel();
  }
}
