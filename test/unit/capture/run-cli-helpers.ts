// Runs `go-profiler run` in its own process (the real CLI's path) for the CLI tests.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startProgram, type RunningProgram } from '../../../src/capture/process';
import { FIXTURES } from './helpers';

const TSX = pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href;
const ENTRY = resolve('test/unit/capture/run-cli-entry.ts');

export interface Cli {
  readonly program: RunningProgram;
  stdout(): string;
  stderr(): string;
  /** Resolves when stdout matches, or rejects if the CLI exits first. */
  waitFor(pattern: RegExp): Promise<void>;
}

export function runCli(args: string[], cwd = FIXTURES): Cli {
  const program = startProgram(process.execPath, ['--import', TSX, ENTRY, ...args], { cwd, stdio: 'pipe' });
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
