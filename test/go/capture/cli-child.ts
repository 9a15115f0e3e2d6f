/**
 * For the tests of `go-profiler run`: the real CLI in its own process (run-cli-entry.ts under
 * tsx), its output, and the processes and temp folders a run leaves behind.
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startProgram, type RunningProgram } from '../../../src/capture/process';
import { processesWithEnv as liveProcessesWithEnv } from '../../support/live-processes';
import { FIXTURES } from './helpers';

const TSX = pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href;
const ENTRY = resolve('test/go/capture/run-cli-entry.ts');

export interface Cli {
  readonly program: RunningProgram;
  stdout(): string;
  stderr(): string;
  /** Resolves when stdout matches, or rejects if the CLI exits first. */
  waitFor(pattern: RegExp): Promise<void>;
}

export function runCli(args: string[], cwd = FIXTURES, env?: NodeJS.ProcessEnv): Cli {
  const program = startProgram(process.execPath, ['--import', TSX, ENTRY, ...args], { cwd, stdio: 'pipe', ...(env ? { env } : {}) });
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  program.child.stdout!.on('data', (b: Buffer) => {
    out += b.toString();
    waiters.forEach((w) => w());
  });
  program.child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  return {
    program,
    stdout: () => out,
    stderr: () => err,
    waitFor: (pattern) =>
      new Promise((resolveWait, reject) => {
        const check = (): void => {
          if (pattern.test(out)) resolveWait();
        };
        waiters.push(check);
        check();
        void program.exited.then(() => (pattern.test(out) ? resolveWait() : reject(new Error(`CLI exited before ${pattern}: ${out}\n${err}`))));
      }),
  };
}

/** `<type> <path>` lines printed by the CLI. */
export function savedLines(stdout: string): Map<string, string> {
  const lines = stdout.split('\n').map((l) => /^([a-z-]+) (\/\S+)$/.exec(l));
  return new Map(lines.filter((m): m is RegExpExecArray => m !== null).map((m) => [m[1]!, m[2]!]));
}

/**
 * Pids of the running processes (zombies have exited) whose environment holds `entry`, e.g.
 * "TMPDIR=/tmp/x": everything a CLI run with that variable started inherits it (go list, go
 * build and its tools, the program and its children), independently of how the product
 * finds its processes.
 */
export function processesWithEnv(entry: string): number[] {
  return liveProcessesWithEnv(entry).map((p) => p.pid);
}

/** Waits (up to about `tries` × 50 ms) for `check` to return an empty list, and returns its last answer. */
export async function untilEmpty<T>(check: () => T[], tries = 400): Promise<T[]> {
  let left = check();
  for (let i = 0; i < tries && left.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
    left = check();
  }
  return left;
}

/** Temp folders of go-profiler builds and of the go command under `tmp`. */
export function tempFoldersIn(tmp: string): string[] {
  return readdirSync(tmp).filter((name) => name.startsWith('go-profiler-') || name.startsWith('go-build'));
}
