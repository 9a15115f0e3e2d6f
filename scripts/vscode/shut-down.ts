/** The end of a code-server run: browser and code-server closed, anything else it started killed, and said so. */
import type { BrowserContext } from 'playwright-core';
import type { StepOutcome } from '../../test/integration/ui/profile-editor.scenario';
import { stopCodeServer, type CodeServer } from './code-server';
import { killProcesses, processesTaggedWith } from './processes';
import type { RunDirs } from './run-dir';

/** Closes what the run opened; the outcome `title` fails, listing them, when processes had to be killed. */
export async function shutDownRun(
  browser: BrowserContext | undefined,
  server: CodeServer | undefined,
  dirs: RunDirs,
  title: string,
): Promise<StepOutcome> {
  await browser?.close().catch(() => undefined);
  const strays = server ? await stopCodeServer(server, dirs) : [];
  // Anything else this run started (e.g. a Chromium helper) and that is still alive.
  const others = processesTaggedWith(dirs.id);
  killProcesses(others.map((p) => p.pid));
  const left = [...strays, ...others.map((p) => `${p.pid} ${p.command}`)];
  return left.length === 0 ? { title, state: 'passed' } : { title, state: 'failed', error: `had to kill:\n${left.join('\n')}` };
}
