// `npm run test:desktop`: the in-host mocha suites of test/integration in a desktop VS Code,
// downloaded by @vscode/test-electron. Needs access to update.code.visualstudio.com; where that
// host is unreachable (as on the CI machines), use `npm run test:vscode` (code-server) instead.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function step(what, args) {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`${what} failed`);
    process.exit(r.status ?? 1);
  }
}

step('build', [join(root, 'scripts', 'build.mjs')]);
step('bundling the integration tests', ['--import', 'tsx', join(root, 'scripts', 'vscode', 'bundle-tests.ts')]);

try {
  const code = await runTests({
    version: process.env.VSCODE_TEST_VERSION ?? 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'test', 'integration', 'index.js'),
    launchArgs: [join(root, 'test', 'fixtures', 'profiles'), '--disable-extensions', '--disable-workspace-trust'],
  });
  process.exit(code);
} catch (e) {
  console.error(`desktop VS Code tests did not run: ${e instanceof Error ? e.message : String(e)}`);
  console.error('(this needs a VS Code download; here use `npm run test:vscode`)');
  process.exit(1);
}
