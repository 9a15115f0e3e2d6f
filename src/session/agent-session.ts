/** An agent session: the program built with the injected agent, running in its terminal. */
import { randomUUID } from 'node:crypto';
import { CaptureError } from '../capture/errors';
import type { ProfilerSession } from '../capture/launcher';
import { sessionContext } from '../capture/save-capture';
import type { ProfilingSession } from './profiling-session';

export function agentSession(session: ProfilerSession): ProfilingSession {
  const name = session.build.program;
  let goVersion: string | undefined;
  void session.ready.then((c) => (goVersion = c.address.goVersion)).catch(() => undefined);
  const ended = session.program.exited.then(() => session.endReason());
  const endedError = async (what: string): Promise<CaptureError> =>
    new CaptureError('program-ended', `${what}: ${name} ${await ended}; captures saved earlier are kept`);
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
      async start() {
        try {
          await session.startCpu();
        } catch (e) {
          if (session.program.hasExited()) throw await endedError('CPU start');
          throw e;
        }
      },
      // A recording cut short by the program's end comes back as the agent wrote it then
      // (with a note), or fails saying exactly what was lost.
      stop: () => session.stopCpu(),
    },
    async stop() {
      await session.stop();
    },
    ended,
  };
}
