/**
 * Real profiles made by the real Go runtime for the tests.
 *
 * The Go programs under test/fixtures/go write one profile of each kind. Their profiles are
 * committed under test/fixtures/go-profiles/ (with the hash of the sources they were made
 * from), so the pure and golden tiers need no Go toolchain; live runs (GO_PROFILER_ORACLE=live
 * or update, see oracle-mode.ts) build and run the programs once per (sources, Go version)
 * into .cache/fixtures/<hash>/, and update copies those into the repository. Generation
 * happens in a temporary folder that is renamed into place, under a lock folder, so test
 * files running in parallel neither clash nor repeat the work.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makesFixturesNow, oracleMode, pureTierError } from './oracle-mode';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const goSourceDir = join(repoRoot, 'test', 'fixtures', 'go');
const committedProfilesDir = join(repoRoot, 'test', 'fixtures', 'profiles');
/** The committed profiles of the fixture programs, and the stamp of the sources they came from. */
export const committedGoFixturesDir = join(repoRoot, 'test', 'fixtures', 'go-profiles');
const committedStamp = join(committedGoFixturesDir, 'SOURCES');
const cacheRoot = join(repoRoot, '.cache', 'fixtures');

export interface GoFixtures {
  readonly cpu: string;
  readonly heap: string;
  readonly allocs: string;
  readonly goroutine: string;
  readonly block: string;
  readonly mutex: string;
  readonly threadcreate: string;
}

export type GoFixtureKind = keyof GoFixtures;

export const goFixtureKinds: readonly GoFixtureKind[] = [
  'cpu',
  'heap',
  'allocs',
  'goroutine',
  'block',
  'mutex',
  'threadcreate',
];

/** Bump when the way the programs are run changes, so cached profiles are made again. */
const recipeVersion = 2;

/**
 * How each fixture program is run: its package folder, its arguments for an output folder,
 * extra environment. The CPU program runs without asynchronous preemption: on a busy machine
 * the runtime otherwise preempts its tight loops so often that many samples land in
 * runtime.asyncPreempt instead of the function doing the work.
 */
const runs: readonly { program: string; args: (dir: string) => string[]; env?: Record<string, string> }[] = [
  { program: 'cpu', args: (d) => ['-o', join(d, 'cpu.pb.gz')], env: { GODEBUG: 'asyncpreemptoff=1' } },
  { program: 'heap', args: (d) => ['-heap', join(d, 'heap.pb.gz'), '-allocs', join(d, 'allocs.pb.gz')] },
  { program: 'goroutine', args: (d) => ['-o', join(d, 'goroutine.pb.gz')] },
  { program: 'block', args: (d) => ['-o', join(d, 'block.pb.gz')] },
  { program: 'mutex', args: (d) => ['-o', join(d, 'mutex.pb.gz')] },
  { program: 'threadcreate', args: (d) => ['-o', join(d, 'threadcreate.pb.gz')] },
];

/** Environment for `go` that never downloads a toolchain or module and ignores go.work. */
export function goEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, GOTOOLCHAIN: 'local', GOWORK: 'off', GOFLAGS: '-mod=mod', GOPROXY: 'off', ...extra };
}

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
}

/** A program that ran and exited with a non-zero status. */
export class RunError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(message);
  }
}

/**
 * Runs a program and resolves with its output; rejects with a message naming the command,
 * its exit status and its stderr. A missing `go` is reported as such.
 */
export function run(
  file: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; maxBuffer?: number } = {},
): Promise<RunResult> {
  if (oracleMode() === 'none' && basename(file) === 'go') return Promise.reject(pureTierError(`go ${args.join(' ')}`));
  return new Promise((resolvePromise, reject) => {
    execFile(
      file,
      args,
      {
        cwd: options.cwd,
        env: options.env ?? process.env,
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: options.maxBuffer ?? 1 << 30,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (error) {
          const code = (error as NodeJS.ErrnoException).code;
          const command = [file, ...args].join(' ');
          if (code === 'ENOENT') {
            const hint = file === 'go' ? 'the Go toolchain (`go`) is not installed or not on PATH' : `${file} was not found`;
            reject(new Error(`cannot run \`${command}\`: ${hint}`));
          } else {
            const how = error.killed ? `was killed (${error.signal ?? 'timeout'})` : `exited with status ${String(error.code)}`;
            const message = `\`${command}\` ${how}${options.cwd ? ` in ${options.cwd}` : ''}:\n${stderr.trim()}`;
            reject(!error.killed && typeof error.code === 'number' ? new RunError(message, error.code, stdout, stderr) : new Error(message));
          }
          return;
        }
        resolvePromise({ stdout, stderr });
      },
    );
  });
}

let goVersionPromise: Promise<string> | undefined;

/** `go env GOVERSION`, e.g. "go1.26.8". */
export function goVersion(): Promise<string> {
  goVersionPromise ??= run('go', ['env', 'GOVERSION'], { env: goEnv() }).then((r) => r.stdout.trim());
  return goVersionPromise;
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(p)));
    else out.push(p);
  }
  return out.sort();
}

/** A hash of the Go sources under `dir` (paths and contents of *.go, go.mod, go.sum) and of `salt`. */
export async function hashTree(dir: string, salt: string): Promise<string> {
  const hash = createHash('sha256').update(salt);
  const goFiles = (await listFiles(dir)).filter((f) => /(\.go|\/go\.mod|\/go\.sum)$/.test(f));
  for (const file of goFiles) {
    hash.update(relative(dir, file)).update('\0').update(await readFile(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Makes `finalDir` exist, filled by `generate(tempDir)`, at most once across processes: one
 * process holds `finalDir + '.lock'` and renames its temporary folder into place; the others
 * wait for the result. The holder touches the lock every 5 s; a lock untouched for `staleMs`
 * is taken to be left by a dead process.
 */
export async function buildOnce(
  finalDir: string,
  generate: (tempDir: string) => Promise<void>,
  staleMs = 30_000,
): Promise<void> {
  const lock = `${finalDir}.lock`;
  await mkdir(dirname(finalDir), { recursive: true });
  for (;;) {
    if (existsSync(finalDir)) return;
    try {
      await mkdir(lock);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const age = Date.now() - (await stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > staleMs) await rm(lock, { recursive: true, force: true });
      else await sleep(200);
      continue;
    }
    const temp = `${finalDir}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
    // Keep the lock fresh while working, so a slow generation is not taken for a dead one.
    const heartbeat = setInterval(() => {
      const now = new Date();
      utimes(lock, now, now).catch(() => undefined);
    }, 5_000);
    try {
      if (existsSync(finalDir)) return;
      await mkdir(temp, { recursive: true });
      await generate(temp);
      await rename(temp, finalDir).catch((e: NodeJS.ErrnoException) => {
        // Someone who took over a lock they thought stale got there first: theirs is as good.
        if (!existsSync(finalDir)) throw e;
      });
    } finally {
      clearInterval(heartbeat);
      await rm(temp, { recursive: true, force: true });
      await rm(lock, { recursive: true, force: true });
    }
    return;
  }
}

async function generateFixtures(dir: string): Promise<void> {
  const bin = join(dir, 'bin');
  await mkdir(bin);
  await run('go', ['build', '-o', bin + '/', './...'], { cwd: goSourceDir, env: goEnv(), timeoutMs: 600_000 });
  await Promise.all(
    runs.map((r) => run(join(bin, r.program), r.args(dir), { cwd: dir, env: { ...process.env, ...r.env }, timeoutMs: 120_000 })),
  );
  await rm(bin, { recursive: true, force: true });
  for (const kind of goFixtureKinds) {
    const file = join(dir, `${kind}.pb.gz`);
    const size = (await stat(file).catch(() => undefined))?.size ?? 0;
    if (size === 0) throw new Error(`fixture program did not write ${file}`);
  }
}

let fixturesPromise: Promise<GoFixtures> | undefined;

function fixturesIn(dir: string): GoFixtures {
  const at = (kind: GoFixtureKind) => join(dir, `${kind}.pb.gz`);
  return {
    cpu: at('cpu'),
    heap: at('heap'),
    allocs: at('allocs'),
    goroutine: at('goroutine'),
    block: at('block'),
    mutex: at('mutex'),
    threadcreate: at('threadcreate'),
  };
}

/** The hash of the fixture programs and of how they are run (not of the Go version). */
export function fixtureSourcesHash(): Promise<string> {
  return hashTree(goSourceDir, `recipe ${recipeVersion}`);
}

/** Runs the fixture programs now (once per sources and Go version) and returns their profiles. */
export async function generateGoFixtures(): Promise<GoFixtures> {
  const dir = join(cacheRoot, await hashTree(goSourceDir, `${await goVersion()} recipe ${recipeVersion}`));
  await buildOnce(dir, generateFixtures);
  return fixturesIn(dir);
}

/**
 * Copies freshly made profiles into test/fixtures/go-profiles with the stamp of their sources.
 * Every test process of an update run commits the same files: each lands whole (rename).
 */
async function commitGoFixtures(fresh: GoFixtures): Promise<void> {
  await mkdir(committedGoFixturesDir, { recursive: true });
  const temp = (path: string) => `${path}.${process.pid}.tmp`;
  for (const kind of goFixtureKinds) {
    const target = join(committedGoFixturesDir, `${kind}.pb.gz`);
    await copyFile(fresh[kind], temp(target));
    await rename(temp(target), target);
  }
  await writeFile(temp(committedStamp), `${await fixtureSourcesHash()} ${await goVersion()}\n`);
  await rename(temp(committedStamp), committedStamp);
}

/** The sources hash the committed fixture profiles were made from, or undefined if none are. */
export async function committedFixturesStamp(): Promise<string | undefined> {
  const text = await readFile(committedStamp, 'utf8').catch(() => undefined);
  return text?.split(' ')[0];
}

/**
 * The fixture profiles: the committed ones, or (live and update modes) ones made now by the
 * real programs; update also commits those.
 */
export function ensureGoFixtures(): Promise<GoFixtures> {
  fixturesPromise ??= (async () => {
    const mode = oracleMode();
    if (!makesFixturesNow(mode)) {
      if ((await committedFixturesStamp()) === undefined) {
        throw new Error(`no committed fixture profiles in ${relative(repoRoot, committedGoFixturesDir)}; make them with: node scripts/test-fidelity.mjs --update`);
      }
      return fixturesIn(committedGoFixturesDir);
    }
    const fresh = await generateGoFixtures();
    if (mode !== 'update') return fresh;
    await commitGoFixtures(fresh);
    return fixturesIn(committedGoFixturesDir);
  })();
  return fixturesPromise;
}

/** Every committed profile under test/fixtures/profiles (*.pb.gz). */
export async function committedProfiles(): Promise<{ name: string; path: string }[]> {
  const names = (await readdir(committedProfilesDir)).filter((n) => n.endsWith('.pb.gz')).sort();
  return names.map((n) => ({ name: n.slice(0, -'.pb.gz'.length), path: join(committedProfilesDir, n) }));
}

/** The generated fixtures (named by kind) followed by every committed profile. */
export async function listFixtureProfiles(): Promise<{ name: string; path: string }[]> {
  const fixtures = await ensureGoFixtures();
  return [...goFixtureKinds.map((k) => ({ name: k, path: fixtures[k] })), ...(await committedProfiles())];
}
