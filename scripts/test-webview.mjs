// Runs every test/webview/**/*.test.ts (real Chromium through playwright-core) with Node's
// own test runner; TypeScript through tsx. Arguments filter test files by substring.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function find(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...find(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`Chromium not found at ${chromium} (set CHROMIUM_PATH, or run .ci/run to install it)`);
  process.exit(1);
}
const filter = process.argv.slice(2);
const files = find('test/webview')
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error('no webview test files found');
  process.exit(1);
}
// One browser per file; files run one at a time to keep the machine usable.
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
