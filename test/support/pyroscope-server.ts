/**
 * The Pyroscope test server (test/servers/pyroscope: Grafana's official querierv1connect
 * handlers over real Go-runtime profiles), built and its profiles made once per sources and
 * Go version into .cache/servers/<hash>/ (as the fixture programs are, see go-fixtures.ts).
 * The first build downloads its modules through the Go module proxy; later ones use the module
 * cache. Each test starts its own server process with the flags it needs.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOnce, goEnv, goVersion, hashTree, repoRoot, run } from './go-fixtures';
import { pprofBinary, pprofEnv } from './go-pprof';

const sourceDir = join(repoRoot, 'test', 'servers');

export interface StoredProfile {
  readonly file: string;
  /** Pyroscope's profile name: process_cpu, memory, goroutine. */
  readonly name: string;
  readonly tenant: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly timeMs: number;
}

export interface PyroscopeData {
  readonly bin: string;
  readonly profilesDir: string;
  readonly index: readonly StoredProfile[];
}

let dataPromise: Promise<PyroscopeData> | undefined;

/** The server binary and its profiles (index.json as written by `pyroscope make`). */
export function pyroscopeData(): Promise<PyroscopeData> {
  dataPromise ??= (async () => {
    const dir = join(repoRoot, '.cache', 'servers', await hashTree(sourceDir, `${await goVersion()} pyroscope 1`));
    await buildOnce(
      dir,
      async (temp) => {
        // Modules may be downloaded (first build on a machine); the proxy is the user's own setting.
        const env = goEnv({ GOPROXY: process.env.GOPROXY ?? '', GOFLAGS: '-mod=readonly' });
        await run('go', ['build', '-o', join(temp, 'pyroscope'), './pyroscope'], { cwd: sourceDir, env, timeoutMs: 900_000 });
        await run(join(temp, 'pyroscope'), ['make', join(temp, 'profiles')], { timeoutMs: 120_000 });
      },
      120_000,
    );
    const profilesDir = join(dir, 'profiles');
    const index = JSON.parse(readFileSync(join(profilesDir, 'index.json'), 'utf8')) as StoredProfile[];
    return { bin: join(dir, 'pyroscope'), profilesDir, index };
  })();
  return dataPromise;
}

export interface RunningServer {
  readonly url: string;
  /** Ends the server; resolves once it has exited (its port is then closed). */
  stop(): Promise<void>;
}

/** Starts a server over the made profiles (flags: -token, -basic, -forbidden-token, -tenants, -no-pprof-format). */
export async function startPyroscope(flags: readonly string[] = []): Promise<RunningServer> {
  const data = await pyroscopeData();
  const child = spawn(data.bin, ['serve', '-dir', data.profilesDir, ...flags], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`pyroscope test server exited (${String(code)}): ${stderr.trim()}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    stop: () => {
      child.kill();
      return exited;
    },
  };
}

/** The stored profiles a query should merge: tenant, predicate on labels, time range (inclusive). */
export function expectedFiles(
  data: PyroscopeData,
  name: string,
  labels: (l: Readonly<Record<string, string>>) => boolean,
  range: { fromMs: number; toMs: number },
  tenant = '',
): string[] {
  return data.index
    .filter((e) => e.name === name && e.tenant === tenant && labels(e.labels) && e.timeMs >= range.fromMs && e.timeMs <= range.toMs)
    .map((e) => join(data.profilesDir, e.file));
}

/** `go tool pprof -proto` merge of `files` into `out` (the oracle of every pulled profile). */
export async function goPprofMerge(files: readonly string[], out: string): Promise<string> {
  await run(await pprofBinary(), ['-proto', '-symbolize=none', `-output=${out}`, ...files], { env: pprofEnv() });
  return out;
}
