/** The `go-profiler` command bundled as dist/cli.js is (esbuild, CommonJS), into a scratch folder, for tests that run it as a child process. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from './go-fixtures';

/** Bundles src/cli.ts into a temporary folder removed when the process exits; returns the script's path. */
export async function bundleCli(): Promise<string> {
  const scratch = mkdtempSync(join(tmpdir(), 'go-profiler-cli-test-'));
  process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));
  const cli = join(scratch, 'cli.js');
  await build({
    entryPoints: [join(repoRoot, 'src', 'cli.ts')],
    outfile: cli,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'error',
  });
  return cli;
}
