// One tier of the tests: every <dir>/**/*.test.ts run by Node's own test runner (TypeScript
// through tsx), with the oracle mode of test/support/oracle-mode.ts. Arguments that are not
// flags filter test files by substring. Used by the scripts/test-*.mjs of each tier.
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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
 * `concurrency` is how many files run at once, each in its own process. `oneProcess` runs
 * every file in one process instead (static imports of them all, so every test is
 * registered before the first runs): starting Node and tsx for each file costs more than
 * the pure tests themselves. Such files must not depend on running alone: no top-level
 * await, and what a test patches (process.stderr.write, ...) it restores.
 */
export function runTier({ dir, filters, oracle, concurrency = 2, env = {}, oneProcess = false }) {
  const files = testFiles(dir, filters);
  if (files.length === 0) {
    console.error(`no test files found in ${dir}${filters.length ? ` matching ${filters.join(', ')}` : ''}`);
    return 1;
  }
  const options = { stdio: 'inherit', env: { ...process.env, ...env, GO_PROFILER_ORACLE: oracle } };
  if (!oneProcess) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...files], options);
    return r.status ?? 1;
  }
  const entryDir = mkdtempSync(join(tmpdir(), 'go-profiler-tests-'));
  try {
    const entry = join(entryDir, 'all.test.mjs');
    writeFileSync(entry, files.map((f) => `import ${JSON.stringify(resolve(f))};\n`).join(''));
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', entry], options);
    return r.status ?? 1;
  } finally {
    rmSync(entryDir, { recursive: true, force: true });
  }
}
