/**
 * `go-profiler run [--capture LIST] [--whole-run] [--out DIR] [--go PATH] [--mutex-profile-fraction N]
 * [--block-profile-rate NS] -- PACKAGE [ARGS...]`:
 * builds PACKAGE (or FILE.go... as `go run` takes them) with the agent, runs it with the
 * terminal passed through, takes the listed captures (all starting when the program is
 * ready), saves each and prints `<type> <path>`.
 * Exit code: the program's, or 2 with a one-line message when building or capturing fails.
 *
 * However it ends, nothing is left behind: SIGINT, SIGTERM or SIGHUP during the build stops
 * the go command and removes the temp folder (exit 128 + signal); while the program runs
 * they are passed on, and a program still running STOP_GRACE_MS later (or at a second
 * signal) is killed with its whole tree. If this process is SIGKILLed, the agent's watchdog
 * ends the program and removes the folder (see agent-guard-source.ts).
 */
import { resolve } from 'node:path';
import { constants } from 'node:os';
import { DEFAULT_SAMPLING, parseCaptureList, type CaptureRequest, type CaptureResult, type SamplingRates } from '../capture/capture-kinds';
import { CaptureError } from '../capture/errors';
import { isGoFileArg } from '../capture/go-package';
import { describeExit, launchWithAgent, type ProfilerSession } from '../capture/launcher';
import { STOP_GRACE_MS, type ProgramExit } from '../capture/process';
import { whyLost } from '../capture/recording-at-exit';
import { saveCaptureResult, sessionContext, type ProgramContext } from '../capture/save-capture';
import type { SidecarCapture } from '../store/sidecar';

export const RUN_USAGE =
  'usage: go-profiler run [--capture cpu=5s,heap,heap-nogc,allocs,goroutine,block=2s,mutex=2s,threadcreate,trace=2s] [--whole-run] [--out DIR] [--go PATH]' +
  ` [--mutex-profile-fraction N (default ${DEFAULT_SAMPLING.mutexProfileFraction})] [--block-profile-rate NS (default ${DEFAULT_SAMPLING.blockProfileRate})] -- PACKAGE|FILE.go... [ARGS...]`;

export const DEFAULT_OUT_DIR = 'profiles';

export interface RunArgs {
  readonly captures: readonly CaptureRequest[];
  readonly wholeRun: boolean;
  readonly outDir: string;
  readonly go?: string;
  /** Block and mutex sampling from program start. */
  readonly sampling: SamplingRates;
  readonly pattern: string;
  /** Further .go files when pattern is one (`-- main.go util.go ARGS`); absent otherwise. */
  readonly moreFiles?: readonly string[];
  readonly programArgs: readonly string[];
}

/** Parses the arguments after `run`; throws an Error with a one-line message. Pure. */
export function parseRunArgs(args: readonly string[]): RunArgs {
  let captures: CaptureRequest[] = [];
  let wholeRun = false;
  let outDir = DEFAULT_OUT_DIR;
  let go: string | undefined;
  let sampling = DEFAULT_SAMPLING;
  let i = 0;
  const value = (flag: string): string => {
    const v = args[++i];
    if (v === undefined || v === '--') throw new Error(`${flag} needs a value`);
    return v;
  };
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--capture') captures = parseCaptureList(inline ?? value(flag));
    else if (flag === '--out') outDir = inline ?? value(flag);
    else if (flag === '--go') go = inline ?? value(flag);
    else if (flag === '--whole-run' && inline === undefined) wholeRun = true;
    else if (flag === '--mutex-profile-fraction') sampling = { ...sampling, mutexProfileFraction: count(flag, inline ?? value(flag)) };
    else if (flag === '--block-profile-rate') sampling = { ...sampling, blockProfileRate: count(flag, inline ?? value(flag)) };
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else break; // PACKAGE without a preceding "--"
  }
  const pattern = args[i];
  if (pattern === undefined) throw new Error('missing PACKAGE (e.g. -- ./cmd/server)');
  if (captures.length === 0 && !wholeRun) throw new Error('nothing to capture: pass --capture LIST and/or --whole-run');
  if (wholeRun && captures.some((c) => c.kind === 'cpu')) {
    throw new Error('--whole-run already records CPU from start to exit; drop cpu from --capture');
  }
  // Like `go run`: every leading argument that ends in .go names a file of the program.
  let end = i + 1;
  if (isGoFileArg(pattern)) while (end < args.length && isGoFileArg(args[end]!)) end++;
  const moreFiles = args.slice(i + 1, end);
  return {
    captures,
    wholeRun,
    outDir,
    ...(go !== undefined ? { go } : {}),
    sampling,
    pattern,
    ...(moreFiles.length > 0 ? { moreFiles } : {}),
    programArgs: args.slice(end),
  };
}

/** A whole number ≥ 0 given to `flag`. */
function count(flag: string, text: string): number {
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw new Error(`${flag} needs a whole number ≥ 0, not "${text}"`);
  return Number(text);
}

/** The shell-style exit code of a program exit: its code, or 128 + signal number. Pure. */
export function exitCodeOf(exit: ProgramExit): number {
  if (exit.code !== null) return exit.code;
  const n = exit.signal ? constants.signals[exit.signal] : undefined;
  return n === undefined ? 1 : 128 + n;
}

function fail(message: string): number {
  process.stderr.write(`go-profiler run: ${message}\n`);
  return 2;
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * What this process does on SIGINT, SIGTERM and SIGHUP (installed before the build, removed
 * after the last cleanup): before the program runs, interrupt the build; then pass the
 * signal on and kill the program's tree if it is still running after the grace period or
 * at a second signal.
 */
class StopSignals {
  readonly build = new AbortController();
  received: NodeJS.Signals | undefined;
  private session: ProfilerSession | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly handler = (signal: NodeJS.Signals): void => this.on(signal);

  constructor(private readonly interactive: boolean) {
    for (const s of STOP_SIGNALS) process.on(s, this.handler);
  }

  running(session: ProfilerSession): void {
    this.session = session;
    void session.program.exited.then(() => clearTimeout(this.timer));
    // A signal that came as the build ended, too late to interrupt it.
    if (this.received) this.passOn(session, this.received);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of STOP_SIGNALS) process.off(s, this.handler);
  }

  private on(signal: NodeJS.Signals): void {
    const first = this.received === undefined;
    this.received ??= signal;
    const session = this.session;
    if (!session) {
      this.build.abort();
      return;
    }
    if (first) this.passOn(session, signal);
    else this.kill(`at a second signal (${signal})`);
  }

  private passOn(session: ProfilerSession, signal: NodeJS.Signals): void {
    // Ctrl+C reaches a program in the terminal's group by itself; other signals are passed
    // on, once the agent has written what it records (a CPU capture, a whole run), as Stop does.
    if (!this.interactive || signal !== 'SIGINT') void session.finish().then(() => session.program.signal(signal));
    this.timer = setTimeout(() => this.kill(`${STOP_GRACE_MS / 1000} s after ${signal}`), STOP_GRACE_MS);
  }

  private kill(when: string): void {
    const session = this.session;
    if (!session || session.program.hasExited()) return;
    process.stderr.write(`go-profiler run: ${session.build.program} still running ${when}; killing it and every process it started\n`);
    void session.program.stop(0);
  }
}

export async function runCommand(args: string[]): Promise<number> {
  let parsed: RunArgs;
  try {
    parsed = parseRunArgs(args);
  } catch (e) {
    return fail(`${(e as Error).message}\n${RUN_USAGE}`);
  }
  const outDir = resolve(parsed.outDir);
  const interactive = process.stdin.isTTY === true;
  const signals = new StopSignals(interactive);
  try {
    return await launchAndCapture(parsed, outDir, interactive, signals);
  } finally {
    signals.dispose();
  }
}

async function launchAndCapture(parsed: RunArgs, outDir: string, interactive: boolean, signals: StopSignals): Promise<number> {
  let session: ProfilerSession;
  try {
    session = await launchWithAgent({
      pattern: parsed.pattern,
      ...(parsed.moreFiles ? { moreFiles: parsed.moreFiles } : {}),
      args: parsed.programArgs,
      cwd: process.cwd(),
      wholeRun: parsed.wholeRun,
      sampling: parsed.sampling,
      stdio: 'inherit',
      // A program reading the terminal must stay in its foreground process group.
      ownGroup: !interactive,
      signal: signals.build.signal,
      ...(parsed.go !== undefined ? { go: parsed.go } : {}),
    });
  } catch (e) {
    if (signals.received) {
      process.stderr.write(`go-profiler run: interrupted by ${signals.received} during the build\n`);
      return 128 + constants.signals[signals.received];
    }
    if (e instanceof CaptureError && e.details) process.stderr.write(e.details.trimEnd() + '\n');
    return fail(e instanceof Error ? e.message : String(e));
  }
  signals.running(session);
  try {
    let failed = false;
    let context: ProgramContext = sessionContext(session);
    const save = async (result: CaptureResult, how: SidecarCapture['source']): Promise<void> => {
      const saved = await saveCaptureResult(outDir, result, context, { source: how }, session.build.binary);
      process.stdout.write(`${result.kind} ${saved.profilePath}\n`);
      if (saved.textPath) process.stdout.write(`${result.kind}-text ${saved.textPath}\n`);
      if (result.note) process.stderr.write(`go-profiler run: ${result.kind}: ${result.note}\n`);
    };

    if (parsed.captures.length > 0) {
      try {
        const client = await session.ready;
        context = sessionContext(session, client.address.goVersion);
        await Promise.all(
          parsed.captures.map(async (request) => {
            try {
              await save(await session.capture(request), 'agent');
            } catch (e) {
              failed = true;
              fail(e instanceof Error ? e.message : String(e));
            }
          }),
        );
      } catch (e) {
        failed = true;
        fail(e instanceof Error ? e.message : String(e));
      }
    }

    const exit = await session.program.exited;
    if (parsed.wholeRun) {
      const results = await session.wholeRunResults();
      for (const result of results) await save(result, 'whole-run');
      if (results.length === 0) {
        failed = true;
        const end = await session.endReason();
        fail(`whole-run: no profiles: ${session.build.program} ${end} (${describeExit(exit)}); ${whyLost(end, session.build)}`);
      }
    }
    return failed ? 2 : exitCodeOf(exit);
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  } finally {
    await session.dispose();
  }
}
