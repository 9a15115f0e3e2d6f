// Runs every test/webview/**/*.test.ts (real Chromium through playwright-core) with Node's
// own test runner; TypeScript through tsx. Arguments filter test files by substring. Numbers
// are checked against the real `go tool pprof` on fixture profiles made now (live oracle).
import { existsSync } from 'node:fs';
import { filtersOf, runTier } from './test-tier.mjs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`Chromium not found at ${chromium} (set CHROMIUM_PATH, or run .ci/run to install it)`);
  process.exit(1);
}
// One browser per file; files run one at a time to keep the machine usable.
process.exit(runTier({ dir: 'test/webview', filters: filtersOf(process.argv.slice(2)), oracle: 'live', concurrency: 1 }));
