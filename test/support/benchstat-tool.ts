/**
 * The real benchstat (golang.org/x/perf/cmd/benchstat), the oracle for src/benchstat:
 * built once per version into .cache/tools/ (under buildOnce's lock, so parallel test
 * files share one build) with the module proxy the go command is configured with.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildOnce, repoRoot } from './go-fixtures';

const run = promisify(execFile);

/** The version the module proxy serves for this suite. */
export const BENCHSTAT_VERSION = 'v0.0.0-20260908200009-22c9c6c9d4da';

/** Path of the benchstat binary, built on first use. */
export async function benchstatTool(): Promise<string> {
  const dir = join(repoRoot, '.cache', 'tools', `benchstat-${BENCHSTAT_VERSION}`);
  await buildOnce(
    dir,
    async (temp) => {
      await run('go', ['install', `golang.org/x/perf/cmd/benchstat@${BENCHSTAT_VERSION}`], {
        env: { ...process.env, GOBIN: temp },
        timeout: 600_000,
      });
    },
    120_000,
  );
  return join(dir, 'benchstat');
}

/** One row of `benchstat -format csv OLD NEW`: the strings benchstat printed. */
export interface BenchstatCsvRow {
  readonly name: string;
  readonly baseCenter: string;
  readonly baseCi: string;
  readonly headCenter: string;
  readonly headCi: string;
  readonly delta: string;
  readonly p: string;
}

/** Unit -> rows (geomean row included, named "geomean"), from benchstat's CSV. */
export async function benchstatCsv(oldFile: string, newFile: string): Promise<Map<string, BenchstatCsvRow[]>> {
  const { stdout } = await run(await benchstatTool(), ['-format', 'csv', oldFile, newFile]);
  const tables = new Map<string, BenchstatCsvRow[]>();
  let rows: BenchstatCsvRow[] | undefined;
  for (const line of stdout.split('\n')) {
    const cells = line.split(',');
    if (cells.length !== 7) continue;
    if (cells[0] === '' && cells[2] === 'CI') {
      rows = [];
      tables.set(cells[1]!, rows);
      continue;
    }
    if (cells[0] === '' || !rows) continue;
    const [name, baseCenter, baseCi, headCenter, headCi, delta, p] = cells as [string, string, string, string, string, string, string];
    rows.push({ name, baseCenter, baseCi, headCenter, headCi, delta, p });
  }
  return tables;
}
