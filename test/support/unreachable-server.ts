/**
 * A server configuration pointing where nothing listens (a test server's port, stopped) and the
 * check every client makes of it: the error is 'unreachable' and names the server and why.
 */
import { strict as assert } from 'node:assert';
import { createServerClient } from '../../src/servers/create-client';
import type { ServerConfig } from '../../src/servers/server-config';
import { ServerError } from '../../src/servers/server-errors';
import type { TimeRange } from '../../src/servers/time-range';
import { startPyroscope } from './pyroscope-server';

/** Asks `server`'s client, moved to a closed port and named "gone", for label names; expects ECONNREFUSED named. */
export async function assertUnreachableNamed(server: ServerConfig, range: TimeRange): Promise<void> {
  const stopped = await startPyroscope();
  const url = stopped.url;
  await stopped.stop();
  const at: ServerConfig = { ...server, name: 'gone', url };
  await assert.rejects((await createServerClient(at, undefined)).labelNames('{}', range), (e: unknown) => {
    assert.ok(e instanceof ServerError && e.reason === 'unreachable', String(e));
    assert.match(e.message, /^gone \(http:\/\/127\.0\.0\.1:\d+\): unreachable \(ECONNREFUSED\)$/);
    return true;
  });
}
