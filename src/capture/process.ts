/**
 * The one module that spawns processes (go list, go build, go test, the profiled program).
 *
 * Long-running programs start in their own process group (unless they must share the
 * terminal's foreground group to read a TTY). Stopping signals the program's whole tree:
 * its group and every descendant found in /proc, including children that left the group
 * (setsid) or were reparented, so nothing the program started outlives it. SIGTERM first,
 * SIGKILL for whatever is still running after the grace period. Trees still alive when
 * Node exits are killed; for Node being killed itself (SIGKILL), a program can be handed a
 * pipe whose end tells it its parent is gone (see ProgramOptions.handover).
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import type { Writable } from 'node:stream';
import { readProcTable } from './proc-table';
import { updateTree, type TreeMembers } from './process-tree';

/** How long a stopped program may take to exit after SIGTERM before it is SIGKILLed. */
export const STOP_GRACE_MS = 2000;

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

export interface RunToolOptions extends ToolOptions {
  /**
   * Interrupts the tool: SIGINT to its tree (as Ctrl+C in a terminal), SIGKILL after the
   * grace period; the result comes once the tool and every process it started have ended.
   */
  readonly signal?: AbortSignal;
  /** Each piece of standard error as it arrives (e.g. `go build -v` naming the packages it compiles). */
  readonly onStderr?: (text: string) => void;
}

/**
 * Runs a short-lived tool to completion and collects its output. Rejects only if it cannot
 * start; an interrupted tool resolves with `interrupted` set.
 */
export function runTool(command: string, args: readonly string[], options: RunToolOptions = {}): Promise<ToolResult & { interrupted?: true }> {
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
    let done = false;
    const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
    let ending: Promise<void> | undefined;
    const interrupt = (): void => {
      if (child.pid === undefined || done) return;
      const tree = programTree(child.pid, true, () => child.exitCode !== null || child.signalCode !== null);
      ending = endTree(tree, exited, 'SIGINT', STOP_GRACE_MS);
    };
    if (options.signal?.aborted) interrupt();
    options.signal?.addEventListener('abort', interrupt, { once: true });
    const finish = (): void => {
      done = true;
      untrack();
      options.signal?.removeEventListener('abort', interrupt);
    };
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => {
      err.push(b);
      options.onStderr?.(b.toString('utf8'));
    });
    child.once('error', (e) => {
      finish();
      reject(e);
    });
    child.once('close', (code, signal) => {
      finish();
      const result = { code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
      if (!options.signal?.aborted) return resolve(result);
      // Interrupted: answer once the whole tree is gone (a compiler go started included).
      void (ending ?? Promise.resolve()).then(() => resolve({ ...result, interrupted: true }));
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
  /**
   * SIGTERM to the program's tree (its group and all descendants), SIGKILL to whatever still
   * runs after `graceMs`; resolves when the program has exited and its tree is gone.
   */
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
  /**
   * Text written to the program's descriptor 3 right after it starts (Unix). The pipe then
   * stays open, unwritten, for as long as this process lives: however it ends, SIGKILL
   * included, the kernel closes it and a read in the program returns end of file.
   */
  readonly handover?: string;
}

/** Starts a long-running program. */
export function startProgram(command: string, args: readonly string[], options: ProgramOptions): RunningProgram {
  const ownGroup = options.ownGroup ?? true;
  const stdio: StdioOptions = options.stdio === 'inherit' ? ['inherit', 'inherit', 'inherit'] : ['pipe', 'pipe', 'pipe'];
  if (options.handover !== undefined) stdio.push('pipe');
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio, detached: ownGroup });
  const untrack = track(child, ownGroup);
  if (options.handover !== undefined) handOver(child, options.handover);
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
    async stop(graceMs = STOP_GRACE_MS) {
      if (child.pid === undefined) return exited;
      await endTree(programTree(child.pid, ownGroup, () => done), exited, 'SIGTERM', graceMs);
      return exited;
    },
  };
}

/** Writes `text` to the child's descriptor 3 and keeps that pipe open until the child exits. */
function handOver(child: ChildProcess, text: string): void {
  const pipe = child.stdio[3] as Writable | null | undefined;
  if (!pipe) return;
  // The program may be gone before it reads (EPIPE): its exit is reported elsewhere.
  pipe.on('error', () => undefined);
  pipe.write(text);
  child.once('exit', () => pipe.destroy());
  child.once('error', () => pipe.destroy());
}

/**
 * `first` to the tree, SIGKILL to whatever still runs after `graceMs`; resolves once the
 * root has exited and the tree is gone.
 */
async function endTree(tree: ProgramTree, exited: Promise<unknown>, first: NodeJS.Signals, graceMs: number): Promise<void> {
  tree.signal(first);
  const grace = cancellableDelay(graceMs);
  await Promise.race([exited, grace.promise]);
  // The root has exited (or the grace period is over); wait out the rest of the grace
  // period for the processes it started, then SIGKILL whatever still runs.
  while (!grace.isOver() && tree.running().length > 0) await cancellableDelay(50).promise;
  grace.cancel();
  tree.signal('SIGKILL');
  await exited;
  // SIGKILL cannot be ignored, but dying takes the kernel a moment: return once the tree is gone.
  for (let i = 0; i < 40 && tree.running().length > 0; i++) await cancellableDelay(25).promise;
}

interface ProgramTree {
  /** Signals the group (when the program has its own) and every member still running. */
  signal(signal: NodeJS.Signals): void;
  /** Pids of members still running (re-reads the process table). */
  running(): number[];
}

/**
 * The program's process tree, remembered across reads of the process table. Without /proc
 * only the group (or the program itself, until it has exited) can be signalled.
 */
function programTree(pid: number, ownGroup: boolean, hasExited: () => boolean): ProgramTree {
  const members: TreeMembers = new Map();
  const group = ownGroup ? pid : undefined;
  const running = (): number[] | undefined => {
    const table = readProcTable();
    // Once reaped, the program's pid may be reused: then only remembered members and the group count.
    return table && updateTree(table, hasExited() ? undefined : pid, group, members).map((e) => e.pid);
  };
  return {
    running: () => running() ?? [],
    signal(signal) {
      const pids = running();
      if (group !== undefined) killQuietly(-group, signal);
      if (pids === undefined) {
        if (group === undefined && !hasExited()) killQuietly(pid, signal);
        return;
      }
      for (const p of pids) killQuietly(p, signal);
    },
  };
}

function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** A timer that can be cancelled, so a stop leaves no timer behind. */
function cancellableDelay(ms: number): { promise: Promise<void>; cancel(): void; isOver(): boolean } {
  let timer: NodeJS.Timeout | undefined;
  let over = false;
  const promise = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      over = true;
      resolve();
    }, ms);
  });
  return { promise, isOver: () => over, cancel: () => clearTimeout(timer) };
}

/** Programs to kill, with their trees, if Node exits while they run. */
const live = new Map<ChildProcess, boolean>();
let exitHookInstalled = false;

function track(child: ChildProcess, group: boolean): () => void {
  if (child.pid === undefined) return () => undefined;
  live.set(child, group);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const [c, g] of live) if (c.pid !== undefined) programTree(c.pid, g, () => c.exitCode !== null || c.signalCode !== null).signal('SIGKILL');
    });
  }
  return () => live.delete(child);
}
