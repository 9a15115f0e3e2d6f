// One tier of the tests: every <dir>/**/*.test.ts run by Node's own test runner (TypeScript
// through tsx), with the oracle mode of test/support/oracle-mode.ts. Arguments that are not
// flags filter test files by substring. Used by the scripts/test-*.mjs of each tier.
import { readdirSync, statSync } from 'node:fs';
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

/** The test files of `dir` whose path contains one of `filters` (all when none). */
export function testFiles(dir, filters) {
  return find(dir)
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
    .sort();
}

/** The arguments that are not flags (--x). */
export function filtersOf(argv) {
  return argv.filter((a) => !a.startsWith('--'));
}

/**
 * Runs the files of `dir` once; returns the exit status. `oracle` sets GO_PROFILER_ORACLE;
 * `concurrency` is how many files run at once.
 */
export function runTier({ dir, filters, oracle, concurrency = 2, env = {} }) {
  const files = testFiles(dir, filters);
  if (files.length === 0) {
    console.error(`no test files found in ${dir}${filters.length ? ` matching ${filters.join(', ')}` : ''}`);
    return 1;
  }
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...files], {
    stdio: 'inherit',
    env: { ...process.env, ...env, GO_PROFILER_ORACLE: oracle },
  });
  return r.status ?? 1;
}
