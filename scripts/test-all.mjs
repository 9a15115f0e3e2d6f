// `npm test` after the build: every tier, each run even when one before it failed; exits
// non-zero if any failed. The fidelity tier runs against its goldens and against the real tool.
import { spawnSync } from 'node:child_process';

const tiers = [
  ['unit', ['scripts/test-unit.mjs']],
  ['fidelity', ['scripts/test-fidelity.mjs', '--golden', '--live']],
  ['hardening', ['scripts/test-hardening.mjs']],
  ['go', ['scripts/test-go.mjs']],
  ['webview', ['scripts/test-webview.mjs']],
  ['vscode', ['--import', 'tsx', 'scripts/vscode/run-tests.ts']],
];

const failed = [];
for (const [name, args] of tiers) {
  console.log(`\n=== ${name} tests`);
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0) failed.push(name);
}
console.log(failed.length === 0 ? '\nall test tiers passed' : `\nfailed tiers: ${failed.join(', ')}`);
process.exit(failed.length === 0 ? 0 : 1);
