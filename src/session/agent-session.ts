/** An agent session: the program built with the injected agent, running in its terminal. */
import { randomUUID } from 'node:crypto';
import { hasFlightRecorder } from '../capture/agent-flight-source';
import type { CaptureResult } from '../capture/capture-kinds';
import { CaptureError } from '../capture/errors';
import type { ProfilerSession } from '../capture/launcher';
import { sessionContext } from '../capture/save-capture';
import type { ProfilingSession } from './profiling-session';

/** `flightSeconds` > 0 keeps the flight recorder on from the start when the program's Go has it (1.25+). */
export function agentSession(session: ProfilerSession, flightSeconds = 0): ProfilingSession {
  const name = session.build.program;
  let goVersion: string | undefined;
  void session.ready.then((c) => (goVersion = c.address.goVersion)).catch(() => undefined);
  const ended = session.program.exited.then(() => session.endReason());
  const endedError = async (what: string): Promise<CaptureError> =>
    new CaptureError('program-ended', `${what}: ${name} ${await ended}; captures saved earlier are kept`);
  const guard = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (e) {
      if (session.program.hasExited()) throw await endedError(what);
      throw e;
    }
  };
  const flight = flightSeconds > 0 && hasFlightRecorder(session.build.pkg.goVersion) ? flightRecorder(session, flightSeconds, guard) : undefined;
  return {
    id: randomUUID(),
    source: 'agent',
    label: name,
    pid: session.program.pid,
    context: () => sessionContext(session, goVersion),
    sidecarCapture: { source: 'agent' },
    binary: session.build.binary,
    capture: (request, signal) => session.capture(request, signal),
    cpuControl: {
      start: () => guard('CPU start', () => session.startCpu()),
      // A recording cut short by the program's end comes back as the agent wrote it then
      // (with a note), or fails saying exactly what was lost.
      stop: () => session.stopCpu(),
    },
    traceControl: {
      start: () => guard('trace start', () => session.startTrace()),
      stop: () => session.stopTrace(),
    },
    ...(flight ? { flight } : {}),
    async stop() {
      await session.stop();
    },
    ended,
  };
}

/** Starts the recorder once the agent listens; a snapshot waits for that start and fails with its reason. */
function flightRecorder(
  session: ProfilerSession,
  seconds: number,
  guard: <T>(what: string, run: () => Promise<T>) => Promise<T>,
): NonNullable<ProfilingSession['flight']> {
  const started = session.ready.then(async (client) => {
    await client.flight('start', seconds);
    return client;
  });
  started.catch(() => undefined);
  return {
    seconds,
    snapshot: () =>
      guard('flight recorder snapshot', async (): Promise<CaptureResult> => {
        const result = await (await started).flight('snapshot');
        return { ...result, seconds };
      }),
  };
}
