/**
 * The one module that spawns processes (go list, go build, go test, the profiled program).
 *
 * Long-running programs start in their own process group (unless they must share the
 * terminal's foreground group to read a TTY), and stopping kills the whole group, so
 * nothing the program started outlives it. Groups still alive when Node exits are killed.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';

export interface ToolResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ToolOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs a short-lived tool to completion and collects its output. Rejects only if it cannot start. */
export function runTool(command: string, args: readonly string[], options: ToolOptions = {}): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const untrack = track(child, true);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => err.push(b));
    child.once('error', (e) => {
      untrack();
      reject(e);
    });
    child.once('close', (code, signal) => {
      untrack();
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

export interface ProgramExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface RunningProgram {
  readonly pid: number;
  readonly child: ChildProcess;
  /** Settles once the program has exited (never rejects; a spawn failure is code null). */
  readonly exited: Promise<ProgramExit>;
  /** True once `exited` has settled. */
  hasExited(): boolean;
  /** Sends a signal to the program (its whole group when it has its own). */
  signal(signal: NodeJS.Signals): void;
  /** SIGTERM to the process group, SIGKILL after `graceMs`; resolves when the program has exited. */
  stop(graceMs?: number): Promise<ProgramExit>;
}

export interface ProgramOptions extends ToolOptions {
  /** 'inherit' passes the terminal through; 'pipe' gives the caller the streams. */
  readonly stdio: 'inherit' | 'pipe';
  /**
   * Own process group (default true). A program that reads a TTY must stay in the
   * terminal's foreground group (false); then only the program itself is signalled on stop.
   */
  readonly ownGroup?: boolean;
}

/** Starts a long-running program. */
export function startProgram(command: string, args: readonly string[], options: ProgramOptions): RunningProgram {
  const ownGroup = options.ownGroup ?? true;
  const stdio: StdioOptions = options.stdio === 'inherit' ? 'inherit' : ['pipe', 'pipe', 'pipe'];
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio, detached: ownGroup });
  const untrack = track(child, ownGroup);
  let done = false;
  const exited = new Promise<ProgramExit>((resolve) => {
    child.once('error', () => {
      done = true;
      untrack();
      resolve({ code: null, signal: null });
    });
    child.once('exit', (code, signal) => {
      done = true;
      untrack();
      resolve({ code, signal });
    });
  });
  const signalProgram = (signal: NodeJS.Signals): void => {
    if (done || child.pid === undefined) return;
    try {
      process.kill(ownGroup ? -child.pid : child.pid, signal);
    } catch {
      // already gone
    }
  };
  return {
    pid: child.pid ?? -1,
    child,
    exited,
    hasExited: () => done,
    signal: signalProgram,
    async stop(graceMs = 2000) {
      signalProgram('SIGTERM');
      const timer = setTimeout(() => signalProgram('SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(timer);
      // The leader is gone; make sure nothing else in its group survives.
      if (ownGroup && child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // group already empty
        }
      }
      return result;
    },
  };
}

/** Process groups (or single pids) to kill if Node exits while they run. */
const live = new Map<ChildProcess, boolean>();
let exitHookInstalled = false;

function track(child: ChildProcess, group: boolean): () => void {
  if (child.pid === undefined) return () => undefined;
  live.set(child, group);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const [c, g] of live) {
        try {
          if (c.pid !== undefined) process.kill(g ? -c.pid : c.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    });
  }
  return () => live.delete(child);
}
