/** An agent session: the program built with the injected agent, running in its terminal. */
import { randomUUID } from 'node:crypto';
import type { CaptureResult } from '../capture/capture-kinds';
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
    capture: (request, signal) => session.capture(request, signal),
    cpuControl: {
      async start() {
        const client = await session.ready;
        try {
          await client.startCpu();
        } catch (e) {
          if (session.program.hasExited()) throw await endedError('CPU start');
          throw e;
        }
      },
      async stop(startedAt): Promise<CaptureResult> {
        const client = await session.ready;
        try {
          const profile = await client.stopCpu();
          const endedAt = new Date();
          return { kind: 'cpu', profile, startedAt, endedAt, seconds: (endedAt.getTime() - startedAt.getTime()) / 1000 };
        } catch (e) {
          if (session.program.hasExited() || (e instanceof CaptureError && e.failure === 'unreachable')) {
            throw await endedError('CPU recording lost');
          }
          throw e;
        }
      },
    },
    async stop() {
      await session.stop();
    },
    ended,
  };
}
