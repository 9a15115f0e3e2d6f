// The one-command demo (npm start): package the extension, install it into a local code-server
// with persistent state under .cache/demo/, open examples/ and serve it on 127.0.0.1 until Ctrl+C.
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { installVsix, startCodeServer, stopCodeServer } from './code-server';
import { packageVsix } from './package-vsix';
import { cacheDir, repoRoot } from './paths';
import { createRunDirs } from './run-dir';
import { workbenchUrl } from './workbench';

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const srv = createServer();
    srv.once('error', () => resolveFree(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolveFree(true)));
  });
}

async function choosePort(): Promise<number | undefined> {
  const wanted = Number(process.env['PORT'] ?? 8080);
  if (await portIsFree(wanted)) return wanted;
  console.log(`port ${wanted} is busy; using a free one`);
  return undefined;
}

async function main(): Promise<void> {
  const workspace = join(repoRoot, 'examples');
  if (!existsSync(workspace)) throw new Error(`no examples/ workspace at ${workspace}`);
  const pkg = packageVsix({ quiet: true });
  console.log(`packaged ${pkg.file} (${(pkg.bytes / 1024).toFixed(1)} KiB)`);
  const dirs = createRunDirs(cacheDir, 'demo');
  installVsix(dirs, pkg.file);
  const port = await choosePort();
  const server = await startCodeServer(dirs, { workspace, ...(port === undefined ? {} : { port }) });
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping code-server');
    await stopCodeServer(server, dirs);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  server.process.on('exit', (code) => {
    if (stopping) return;
    console.error(`code-server exited (code ${code}); log: ${server.logFile}`);
    process.exit(1);
  });
  console.log(`\nGo Profiler demo is running. Open:\n\n  ${workbenchUrl(server.url, workspace)}\n`);
  console.log(`(log: ${server.logFile}; press Ctrl+C to stop)`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
