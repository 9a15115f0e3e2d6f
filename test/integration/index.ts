// Mocha entry point for the extension host (VS Code's extensionTestsPath). Both runners use
// it: @vscode/test-electron (desktop) and the code-server harness (scripts/vscode/).
// Bundled to out/test/integration/index.js; the suites are bundled next to it in suite/.
import Mocha from 'mocha';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface TestOutcome {
  title: string;
  state: 'passed' | 'failed';
  error?: string;
  ms?: number;
}

/** Where the code-server harness wants the outcome (the exit code alone carries no counts). */
const resultsFileVariable = 'GO_PROFILER_IN_HOST_RESULTS';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  // The harness's --only option: keep the tests whose full title matches (a focused run).
  const grep = process.env['GO_PROFILER_IN_HOST_GREP'];
  if (grep) mocha.grep(new RegExp(grep, 'i'));
  const suiteDir = join(__dirname, 'suite');
  for (const name of readdirSync(suiteDir).sort()) {
    if (name.endsWith('.test.js')) mocha.addFile(join(suiteDir, name));
  }
  const outcomes: TestOutcome[] = [];
  const resultsFile = process.env[resultsFileVariable];
  // Written after every test, so a harness that gives up still sees how far the suite got.
  const record = (o: TestOutcome): void => {
    outcomes.push(o);
    if (resultsFile) writeFileSync(resultsFile, JSON.stringify(outcomes, null, 2));
  };
  await mocha.loadFilesAsync();
  const failures = await new Promise<number>((resolveRun) => {
    const runner = mocha.run((n) => resolveRun(n));
    runner.on('pass', (t) => record({ title: t.fullTitle(), state: 'passed', ms: t.duration }));
    runner.on('fail', (t, err: unknown) =>
      record({ title: t.fullTitle(), state: 'failed', ms: t.duration, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
    );
  });
  if (failures > 0) throw new Error(`${failures} in-host test(s) failed`);
}
