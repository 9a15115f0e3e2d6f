/**
 * `go-profiler run [--capture LIST] [--whole-run] [--out DIR] [--go PATH] [--mutex-profile-fraction N]
 * [--block-profile-rate NS] -- PACKAGE [ARGS...]`:
 * builds PACKAGE with the agent, runs it with the terminal passed through, takes the listed
 * captures (all starting when the program is ready), saves each and prints `<type> <path>`.
 * Exit code: the program's, or 2 with a one-line message when building or capturing fails.
 */
import { resolve } from 'node:path';
import { constants } from 'node:os';
import { DEFAULT_SAMPLING, parseCaptureList, type CaptureRequest, type CaptureResult, type SamplingRates } from '../capture/capture-kinds';
import { CaptureError } from '../capture/errors';
import { describeExit, launchWithAgent, type ProfilerSession } from '../capture/launcher';
import type { ProgramExit } from '../capture/process';
import { whyLost } from '../capture/recording-at-exit';
import { saveCaptureResult, sessionContext, type ProgramContext } from '../capture/save-capture';
import type { SidecarCapture } from '../store/sidecar';

export const RUN_USAGE =
  'usage: go-profiler run [--capture cpu=5s,heap,heap-nogc,allocs,goroutine,block=2s,mutex=2s,threadcreate] [--whole-run] [--out DIR] [--go PATH]' +
  ` [--mutex-profile-fraction N (default ${DEFAULT_SAMPLING.mutexProfileFraction})] [--block-profile-rate NS (default ${DEFAULT_SAMPLING.blockProfileRate})] -- PACKAGE [ARGS...]`;

export const DEFAULT_OUT_DIR = 'profiles';

export interface RunArgs {
  readonly captures: readonly CaptureRequest[];
  readonly wholeRun: boolean;
  readonly outDir: string;
  readonly go?: string;
  /** Block and mutex sampling from program start. */
  readonly sampling: SamplingRates;
  readonly pattern: string;
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
  return { captures, wholeRun, outDir, ...(go !== undefined ? { go } : {}), sampling, pattern, programArgs: args.slice(i + 1) };
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

export async function runCommand(args: string[]): Promise<number> {
  let parsed: RunArgs;
  try {
    parsed = parseRunArgs(args);
  } catch (e) {
    return fail(`${(e as Error).message}\n${RUN_USAGE}`);
  }
  const outDir = resolve(parsed.outDir);
  const interactive = process.stdin.isTTY === true;
  let session: ProfilerSession;
  try {
    session = await launchWithAgent({
      pattern: parsed.pattern,
      args: parsed.programArgs,
      cwd: process.cwd(),
      wholeRun: parsed.wholeRun,
      sampling: parsed.sampling,
      stdio: 'inherit',
      // A program reading the terminal must stay in its foreground process group.
      ownGroup: !interactive,
      ...(parsed.go !== undefined ? { go: parsed.go } : {}),
    });
  } catch (e) {
    if (e instanceof CaptureError && e.details) process.stderr.write(e.details.trimEnd() + '\n');
    return fail(e instanceof Error ? e.message : String(e));
  }

  // Ctrl+C reaches a program in the terminal's group by itself; otherwise pass signals on.
  const forward = (signal: NodeJS.Signals): void => {
    if (!interactive) session.program.signal(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  try {
    let failed = false;
    let context: ProgramContext = sessionContext(session);
    const save = async (result: CaptureResult, how: SidecarCapture['source']): Promise<void> => {
      const saved = await saveCaptureResult(outDir, result, context, { source: how });
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
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
    await session.dispose();
  }
}
