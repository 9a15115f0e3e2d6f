// Bundles the in-host mocha runner and suites (test/integration) for the extension host:
// out/test/integration/index.js (mocha inside) and out/test/integration/suite/*.test.js.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { integrationOutDir, repoRoot } from './paths';

/** `outDir` defaults to out/test/integration; the code-server harness uses one per run. */
export async function bundleIntegrationTests(outDir = integrationOutDir): Promise<string> {
  const srcDir = join(repoRoot, 'test', 'integration');
  const suites = readdirSync(join(srcDir, 'suite'))
    .filter((n) => n.endsWith('.test.ts'))
    .map((n) => join(srcDir, 'suite', n));
  rmSync(outDir, { recursive: true, force: true });
  const common: esbuild.BuildOptions = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'error',
    // The suites find the fixtures through this, wherever the bundle is written.
    define: { GO_PROFILER_REPO_ROOT: JSON.stringify(repoRoot) },
  };
  await esbuild.build({ ...common, entryPoints: [join(srcDir, 'index.ts')], outfile: join(outDir, 'index.js') });
  await esbuild.build({ ...common, entryPoints: suites, outdir: join(outDir, 'suite') });
  return join(outDir, 'index.js');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  bundleIntegrationTests().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
