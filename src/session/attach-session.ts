/** An attach session: captures from a service's net/http/pprof endpoint. */
import { randomUUID } from 'node:crypto';
import { AttachClient } from '../capture/attach-client';
import type { ProfilingSession } from './profiling-session';

export function attachSession(client: AttachClient): ProfilingSession {
  let detach: (reason: string) => void = () => undefined;
  const ended = new Promise<string>((resolve) => (detach = resolve));
  const url = new URL(client.baseUrl);
  return {
    id: randomUUID(),
    source: 'attach',
    label: client.baseUrl,
    pid: undefined,
    context: () => ({ program: `${url.hostname}-${url.port || (url.protocol === 'https:' ? '443' : '80')}`, args: [] }),
    sidecarCapture: { source: 'attach', url: client.baseUrl },
    capture: (request, signal) => client.capture(request, signal),
    async stop() {
      detach('detached');
    },
    ended,
  };
}
