/**
 * Scripts bundled as the product's are (esbuild, CommonJS, for Node), into a scratch folder,
 * for tests that run them as child processes: the `go-profiler` command as dist/cli.js, or a
 * test's own probe (plain node starts where tsx cannot, e.g. under `ulimit -v`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from './go-fixtures';

/** Bundles `entry` into a temporary folder removed when the process exits; returns the script's path. */
export async function bundleScript(entry: string): Promise<string> {
  const scratch = mkdtempSync(join(tmpdir(), 'go-profiler-bundle-'));
  process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));
  const out = join(scratch, basename(entry).replace(/\.ts$/, '.js'));
  await build({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'error',
  });
  return out;
}

/** The `go-profiler` command bundled as dist/cli-main.js is (dist/cli.js starts that bundle from its code cache). */
export function bundleCli(): Promise<string> {
  return bundleScript(join(repoRoot, 'src', 'cli.ts'));
}
