// Starts code-server (a real VS Code) in its own process group, installs a .vsix the way a
// user would, and stops the whole group at the end.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { requireCodeServer } from './paths';
import type { RunDirs } from './run-dir';
import { processesTaggedWith, runTagVariable, killProcesses } from './processes';

export interface CodeServer {
  url: string;
  host: string;
  port: number;
  process: ChildProcess;
  logFile: string;
}

export function codeServerEnv(dirs: RunDirs, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    XDG_CONFIG_HOME: join(dirs.xdg, 'config'),
    XDG_DATA_HOME: join(dirs.xdg, 'data'),
    XDG_CACHE_HOME: join(dirs.xdg, 'cache'),
    [runTagVariable]: dirs.id,
    ...extra,
  };
}

function commonArgs(dirs: RunDirs): string[] {
  return ['--config', '/dev/null', '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
}

/** `code-server --install-extension file.vsix`, exactly as a user installs a downloaded .vsix. */
export function installVsix(dirs: RunDirs, vsix: string): void {
  const entry = requireCodeServer();
  const r = spawnSync(process.execPath, [entry, ...commonArgs(dirs), '--force', '--install-extension', vsix], {
    env: codeServerEnv(dirs),
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    throw new Error(`installing ${vsix} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited early with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`code-server did not answer at ${url} within ${limitMs} ms`);
}

export interface StartOptions {
  workspace: string;
  port?: number;
  logFile?: string;
  env?: NodeJS.ProcessEnv;
  /** Keep VS Code's workspace trust on (the default run turns it off). */
  workspaceTrust?: boolean;
}

export async function startCodeServer(dirs: RunDirs, opts: StartOptions): Promise<CodeServer> {
  const entry = requireCodeServer();
  const host = '127.0.0.1';
  const port = opts.port ?? (await freePort());
  const logFile = opts.logFile ?? join(dirs.root, 'code-server.log');
  const args = [
    entry,
    ...commonArgs(dirs),
    '--bind-addr',
    `${host}:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    opts.workspace,
  ];
  const log = createWriteStream(logFile);
  // detached: the server leads its own process group, so one kill reaches every child.
  const child = spawn(process.execPath, args, {
    env: codeServerEnv(dirs, opts.env),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://${host}:${port}`;
  try {
    await waitForHttp(`${url}/healthz`, child, 30_000);
  } catch (e) {
    await stopCodeServer({ url, host, port, process: child, logFile }, dirs);
    throw e;
  }
  return { url, host, port, process: child, logFile };
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Kills code-server's process group (TERM, then KILL), then any process still carrying this
 * run's tag (a child that left the group). Returns the processes that had to be force-killed
 * after the group was gone, so a caller can report them.
 */
export async function stopCodeServer(server: CodeServer, dirs: RunDirs): Promise<string[]> {
  const pgid = server.process.pid;
  if (pgid !== undefined && groupAlive(pgid)) {
    try {
      process.kill(-pgid, 'SIGTERM');
    } catch {
      // already gone
    }
    const deadline = Date.now() + 5000;
    while (groupAlive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (groupAlive(pgid)) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  const strays = processesTaggedWith(dirs.id);
  killProcesses(strays.map((p) => p.pid));
  return strays.map((p) => `${p.pid} ${p.command}`);
}
