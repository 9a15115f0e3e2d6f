// Only the Restricted Mode scenario (scripts/vscode/untrusted-run.ts) for quick iteration:
//   flock /tmp/vscode-suite.lock node --import tsx scripts/vscode/run-untrusted-scenario.ts
// `npm run test:vscode` runs it together with everything else.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { packageVsix } from './package-vsix';
import { requireChromium, requireCodeServer } from './paths';
import { killProcesses, processesTaggedWith } from './processes';
import { createRunDirs } from './run-dir';
import { runUntrustedVsCode } from './untrusted-run';

async function main(): Promise<number> {
  requireCodeServer();
  requireChromium();
  const dirs = createRunDirs();
  const vsix = packageVsix({ quiet: true, out: join(dirs.root, 'go-profiler.vsix') }).file;
  const results = await runUntrustedVsCode(vsix, dirs);
  const left = processesTaggedWith(dirs.id);
  killProcesses(left.map((p) => p.pid));
  results.push(left.length === 0 ? { title: 'no process left behind', state: 'passed' } : { title: 'no process left behind', state: 'failed', error: left.map((p) => `${p.pid} ${p.command}`).join('\n') });
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
