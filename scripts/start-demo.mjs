// `npm start`: installs code-server once (scripts/install-code-server.sh), then runs the demo
// (scripts/vscode/demo.ts): build, package, install the .vsix, serve examples/ on 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const install = spawnSync('bash', [join(root, 'scripts', 'install-code-server.sh')], { cwd: root, stdio: 'inherit' });
if (install.status !== 0) process.exit(install.status ?? 1);

const demo = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'vscode', 'demo.ts')], {
  cwd: root,
  stdio: 'inherit',
});
// Ctrl+C reaches the demo through the terminal's process group; relay other stop signals.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => demo.kill('SIGTERM'));
demo.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
