/**
 * Run with Profiler, headless: build with the agent, start the program with the agent's
 * environment, wait for its address file, and take captures through the agent client.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AgentClient, ANSWER_TIMEOUT_MS, gzipWithoutAgent } from './agent-client';
import type { AgentFootprint } from './agent-footprint';
import {
  ENV_ADDRESS_FILE,
  ENV_BLOCK_RATE,
  ENV_EXIT_DIR,
  ENV_MUTEX_FRACTION,
  ENV_PARENT_PIPE,
  ENV_TOKEN,
  ENV_WHOLE_RUN_DIR,
  EXIT_FILES,
  PARENT_PIPE_FD,
  WHOLE_RUN_FILES,
  type AgentAddress,
} from './agent-protocol';
import { buildWithAgent, type AgentBuild, type AgentBuildOptions } from './build';
import { DEFAULT_SAMPLING, DEFAULT_WINDOW_SECONDS, type CaptureKind, type CaptureRequest, type CaptureResult, type SamplingRates } from './capture-kinds';
import { CaptureError } from './errors';
import { findGo } from './find-go';
import { CrashWatcher, describeEnd } from './go-crash';
import { startProgram, type ProgramExit, type RunningProgram } from './process';
import { lostAtExitMessage, readWrittenProfile, savedAtExitNote, type RecordingAtExit } from './recording-at-exit';

export interface LaunchOptions {
  /** Package pattern, resolved in cwd; or a .go file, with moreFiles (as `go run a.go b.go`). */
  readonly pattern: string;
  readonly moreFiles?: readonly string[];
  readonly args?: readonly string[];
  readonly cwd: string;
  /** Explicit path of the go command; otherwise PATH. */
  readonly go?: string;
  readonly wholeRun?: boolean;
  /** Variables added to this process's environment for the program. */
  readonly env?: Readonly<Record<string, string>>;
  readonly stdio?: 'inherit' | 'pipe';
  /** See ProgramOptions.ownGroup; default true. */
  readonly ownGroup?: boolean;
  readonly buildFlags?: readonly string[];
  /** How long the agent may take to write its address after start; default 30 s. */
  readonly readyTimeoutMs?: number;
  /** Block and mutex sampling from program start; default DEFAULT_SAMPLING. */
  readonly sampling?: SamplingRates;
  /** Interrupts the build (see AgentBuildOptions.signal); no effect once the program runs. */
  readonly signal?: AbortSignal;
  /** See AgentBuildOptions.onProgress. */
  readonly onBuildProgress?: AgentBuildOptions['onProgress'];
}

export interface ProfilerSession {
  readonly build: AgentBuild;
  readonly args: readonly string[];
  readonly program: RunningProgram;
  readonly startedAt: Date;
  readonly wholeRun: boolean;
  /** The agent client once the agent listens; rejects if the program ends first or it times out. */
  readonly ready: Promise<AgentClient>;
  /**
   * One capture; 'busy' if one of that kind records; 'program-ended' if the program exits
   * meanwhile, except for CPU when the agent wrote the recording as it ended: then what was
   * recorded, with a note saying so.
   */
  capture(request: CaptureRequest, signal?: AbortSignal): Promise<CaptureResult>;
  /** Starts an open-ended CPU recording (for a Start/Stop button); 'busy' if one runs. */
  startCpu(): Promise<void>;
  /** Stops the recording started by startCpu() and returns it (what was written at exit if the program has ended). */
  stopCpu(): Promise<CaptureResult>;
  /** Starts an open-ended execution trace (Start Trace); 'busy' if a trace already runs. */
  startTrace(): Promise<void>;
  /** Stops it and returns the trace (what the agent wrote at exit, with a note, if the program has ended). */
  stopTrace(): Promise<CaptureResult>;
  /** After exit: the CPU recording that was running then, saved by the agent or lost. */
  recordingAtExit(): Promise<RecordingAtExit>;
  /** After exit: the whole-run profiles the agent wrote as the program ended (none if it got no chance). */
  wholeRunResults(): Promise<CaptureResult[]>;
  /** Asks the agent to write what it records, as at exit (whole run, a CPU recording); failures are ignored. */
  finish(): Promise<void>;
  /**
   * After exit: how the program ended, e.g. "panicked (exit code 2): boom" (the panic line
   * is read from stderr when it is piped), "exited with code 3", "was killed by SIGKILL".
   */
  endReason(): Promise<string>;
  /** finish(), then ends the program and its whole process tree (SIGTERM, SIGKILL after a grace period). */
  stop(): Promise<ProgramExit>;
  /** stop() and remove the private temp folder. */
  dispose(): Promise<void>;
}

/** "exit code 2" / "killed by SIGKILL". Pure. */
export function describeExit(exit: ProgramExit): string {
  if (exit.signal) return `killed by ${exit.signal}`;
  return exit.code === null ? 'could not start' : `exit code ${exit.code}`;
}

/**
 * How the agent gets its token: on Unix through the parent pipe (never in the environment,
 * which /proc/<pid>/environ shows as it was at start for the program's whole life), with
 * what the watchdog needs; on Windows, where Go cannot read Node's extra pipes, in the
 * environment. Returns the variables to add and the pipe's text, if any.
 */
function tokenHandover(token: string, ownGroup: boolean, workDir: string): { env: NodeJS.ProcessEnv; handover?: string } {
  if (process.platform === 'win32') return { env: { [ENV_TOKEN]: token } };
  return { env: { [ENV_PARENT_PIPE]: String(PARENT_PIPE_FD) }, handover: `${token}\0${ownGroup ? 1 : 0}\0${workDir}\0` };
}

export async function launchWithAgent(options: LaunchOptions): Promise<ProfilerSession> {
  const go = findGo(options.go ? { explicit: options.go } : {});
  const build = await buildWithAgent({
    go,
    pattern: options.pattern,
    cwd: options.cwd,
    wholeRun: options.wholeRun ?? false,
    buildFlags: options.buildFlags ?? [],
    ...(options.moreFiles ? { moreFiles: options.moreFiles } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onBuildProgress ? { onProgress: options.onBuildProgress } : {}),
  });
  // Cancelled between the build's end and the program's start: nothing is started.
  if (options.signal?.aborted) {
    await build.cleanup();
    throw new CaptureError('cancelled', `build of ${build.pkg.pattern} cancelled`);
  }
  const token = randomBytes(32).toString('hex');
  const ownGroup = options.ownGroup ?? true;
  const addressFile = join(build.workDir, 'agent-address.json');
  const wholeRunDir = join(build.workDir, 'whole-run');
  const exitDir = join(build.workDir, 'exit');
  const handover = tokenHandover(token, ownGroup, build.workDir);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...options.env,
    ...handover.env,
    [ENV_ADDRESS_FILE]: addressFile,
    ...samplingEnv(options.sampling ?? DEFAULT_SAMPLING, exitDir),
  };
  try {
    await mkdir(exitDir, { mode: 0o700 });
    if (options.wholeRun) await mkdir(wholeRunDir, { mode: 0o700 });
  } catch (e) {
    await build.cleanup();
    throw e;
  }
  if (options.wholeRun) env[ENV_WHOLE_RUN_DIR] = wholeRunDir;
  const args = options.args ?? [];
  const startedAt = new Date();
  const program = startProgram(build.binary, args, {
    cwd: options.cwd,
    env,
    stdio: options.stdio ?? 'pipe',
    ownGroup,
    ...(handover.handover !== undefined ? { handover: handover.handover } : {}),
  });
  let endedAt: Date | undefined;
  void program.exited.then(() => (endedAt = new Date()));
  const endReason = watchEnd(program);

  const footprint: AgentFootprint = { agentOnlyPackages: build.agentOnlyPackages, cpuProfilerUsed: options.wholeRun ?? false };
  let client: AgentClient | undefined;
  const ready = waitForAgent(build.program, program, endReason, addressFile, options.readyTimeoutMs ?? 30_000).then(
    (address) => (client = new AgentClient(address, token, ANSWER_TIMEOUT_MS, footprint)),
  );
  ready.catch(() => undefined);
  const withoutAgent = (gz: Uint8Array): Uint8Array => (client ? client.withoutAgent(gz) : gzipWithoutAgent(gz, footprint));

  const recordingAtExit = async (): Promise<RecordingAtExit> => {
    await program.exited;
    const since = client?.cpuRecordingSince;
    const saved = await readWrittenProfile('cpu', join(exitDir, EXIT_FILES.cpu), withoutAgent, endedAt ?? new Date());
    if (saved) return { saved };
    return since ? { lostSince: since } : undefined;
  };
  /** A CPU recording cut short by the program's end: what the agent saved (with a note), or an error saying what was lost. */
  const cpuCutShort = async (window?: number): Promise<CaptureResult> => {
    const atExit = await recordingAtExit();
    const end = await endReason();
    if (atExit && 'saved' in atExit) return { ...atExit.saved, note: savedAtExitNote(build.program, end, atExit.saved, window) };
    if (atExit) throw new CaptureError('program-ended', `cpu capture failed: ${lostAtExitMessage(build.program, end, atExit.lostSince, endedAt ?? new Date(), build)}`);
    throw new CaptureError('program-ended', `cpu capture failed: ${build.program} ended during the capture: it ${end}`);
  };

  const ended = async (kind: CaptureKind): Promise<CaptureError> =>
    new CaptureError('program-ended', `${kind} capture failed: ${build.program} ended during the capture: it ${await endReason()}`);

  // Requests in flight, aborted when the program exits (a set, so finished ones hold nothing).
  const inFlight = new Set<AbortController>();
  void program.exited.then(() => {
    for (const c of inFlight) c.abort();
  });

  /** Runs one agent request, turning failures caused by the program's exit into 'program-ended'. */
  const guarded = async <T>(kind: CaptureKind, run: (client: AgentClient, exitSignal: AbortSignal) => Promise<T>): Promise<T> => {
    const client = await ready;
    if (program.hasExited()) throw await ended(kind);
    const onExit = new AbortController();
    inFlight.add(onExit);
    try {
      return await run(client, onExit.signal);
    } catch (e) {
      if (onExit.signal.aborted || program.hasExited()) throw await ended(kind);
      if (e instanceof CaptureError && e.failure === 'unreachable') {
        // The connection broke: most likely the program is ending; give it a moment to say so.
        const exit = await within(program.exited, 3000);
        if (exit) throw await ended(kind);
      }
      throw e;
    } finally {
      inFlight.delete(onExit);
    }
  };
  /** Stops an open-ended recording begun at `began`; cut short by the program's end, what `cutShort` finds. */
  const stopRecording = async (
    kind: 'cpu' | 'trace',
    began: Date | undefined,
    stop: (client: AgentClient) => Promise<Uint8Array>,
    cutShort: () => Promise<CaptureResult>,
  ): Promise<CaptureResult> => {
    try {
      return await guarded(kind, async (client) => {
        const profile = await stop(client);
        const endedAt = new Date();
        const from = began ?? endedAt;
        return { kind, profile, startedAt: from, endedAt, seconds: (endedAt.getTime() - from.getTime()) / 1000 };
      });
    } catch (e) {
      if (e instanceof CaptureError && e.failure === 'program-ended' && began) return cutShort();
      throw e;
    }
  };
  /** An execution trace cut short by the program's end: what the agent wrote then (with a note), or what was lost. */
  const traceCutShort = async (since: Date): Promise<CaptureResult> => {
    await program.exited;
    const end = await endReason();
    const stoppedAt = endedAt ?? new Date();
    const what = 'execution trace';
    const trace = await readFile(join(exitDir, EXIT_FILES.trace)).catch(() => undefined);
    if (!trace) throw new CaptureError('program-ended', `trace failed: ${lostAtExitMessage(build.program, end, since, stoppedAt, build, what)}`);
    const result: CaptureResult = { kind: 'trace', profile: trace, startedAt: since, endedAt: stoppedAt, seconds: (stoppedAt.getTime() - since.getTime()) / 1000 };
    return { ...result, note: savedAtExitNote(build.program, end, result, undefined, what) };
  };
  /** Bounded: a program that no longer answers is stopped anyway. */
  const finish = async (): Promise<void> => {
    if (!client || program.hasExited()) return;
    await within(client.finish().catch(() => undefined), FINISH_TIMEOUT_MS);
  };

  return {
    build,
    args,
    program,
    startedAt,
    wholeRun: options.wholeRun ?? false,
    ready,
    capture: (request, signal) =>
      guarded(request.kind, (client, exitSignal) => client.capture(request, signal ? AbortSignal.any([signal, exitSignal]) : exitSignal)).catch(
        (e: unknown) => {
          if (request.kind === 'cpu' && e instanceof CaptureError && e.failure === 'program-ended' && client) {
            return cpuCutShort(request.seconds ?? DEFAULT_WINDOW_SECONDS);
          }
          throw e;
        },
      ),
    startCpu: () =>
      guarded('cpu', async (client) => {
        await client.startCpu();
      }),
    stopCpu: () => stopRecording('cpu', client?.cpuRecordingSince, (c) => c.stopCpu(), cpuCutShort),
    startTrace: () => guarded('trace', (client) => client.startTrace()),
    stopTrace: () => {
      const began = client?.traceRecordingSince;
      return stopRecording('trace', began, (c) => c.stopTrace(), () => traceCutShort(began ?? new Date()));
    },
    recordingAtExit,
    async wholeRunResults() {
      await program.exited;
      const results: CaptureResult[] = [];
      for (const kind of ['cpu', 'heap', 'allocs'] as const) {
        const result = await readWrittenProfile(kind, join(wholeRunDir, WHOLE_RUN_FILES[kind]), withoutAgent, endedAt ?? new Date());
        if (result) results.push(result);
      }
      return results;
    },
    endReason,
    finish,
    async stop() {
      await finish();
      return program.stop();
    },
    async dispose() {
      await program.stop();
      await build.cleanup();
    },
  };
}

/** How long Stop waits for the agent to write what it records before ending the program. */
const FINISH_TIMEOUT_MS = 10_000;

function samplingEnv(rates: SamplingRates, exitDir: string): Record<string, string> {
  const rate = (n: number): string => String(Number.isInteger(n) && n > 0 ? n : 0);
  return { [ENV_MUTEX_FRACTION]: rate(rates.mutexProfileFraction), [ENV_BLOCK_RATE]: rate(rates.blockProfileRate), [ENV_EXIT_DIR]: exitDir };
}

/** `promise`'s value, or undefined once `ms` have passed; the timer never outlives the wait. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * How the program ended, once it has: with piped stderr, the runtime's last panic or fatal
 * error line. That text can arrive after the exit event, so this waits for stderr to end
 * (or at most a second: a child of the program may hold the pipe open).
 */
function watchEnd(program: RunningProgram): () => Promise<string> {
  const stderr = program.child.stderr;
  const watcher = new CrashWatcher();
  let streamDone: Promise<void> = Promise.resolve();
  if (stderr) {
    stderr.on('data', (chunk: Buffer) => watcher.feed(chunk.toString('utf8')));
    streamDone = new Promise((resolve) => {
      stderr.once('end', resolve);
      stderr.once('close', resolve);
    });
  }
  let reason: Promise<string> | undefined;
  return () =>
    (reason ??= program.exited.then(async (exit) => {
      await within(streamDone, 1000);
      return describeEnd(exit, watcher.crashLine());
    }));
}

async function waitForAgent(
  name: string,
  program: RunningProgram,
  endReason: () => Promise<string>,
  addressFile: string,
  timeoutMs: number,
): Promise<AgentAddress> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const parsed = JSON.parse(await readFile(addressFile, 'utf8')) as Partial<AgentAddress>;
      if (parsed.network === 'tcp' && typeof parsed.address === 'string') {
        return { network: 'tcp', address: parsed.address, pid: Number(parsed.pid), goVersion: String(parsed.goVersion ?? '') };
      }
      throw new CaptureError('agent-error', `${name}: the agent wrote an unreadable address file`);
    } catch (e) {
      if (e instanceof CaptureError) throw e;
    }
    if (program.hasExited()) {
      throw new CaptureError('program-ended', `${name} ended before its agent was ready: it ${await endReason()}`);
    }
    if (Date.now() > deadline) {
      throw new CaptureError('agent-timeout', `${name}: the agent did not start within ${Math.round(timeoutMs / 1000)} s`);
    }
    await within(program.exited, 20);
  }
}
