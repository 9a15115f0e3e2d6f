// The agent client against a local server that accepts but never answers.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { AgentClient } from '../../../src/capture/agent-client';
import { CaptureError } from '../../../src/capture/errors';

describe('agent client', () => {
  let server: Server;
  let address: string;
  before(async () => {
    server = createServer(() => undefined); // never answers
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('reports an agent that does not answer as a timeout', async () => {
    const client = new AgentClient({ network: 'tcp', address, pid: 0, goVersion: '' }, 'token', 100);
    await assert.rejects(client.capture({ kind: 'heap' }), (e: unknown) => {
      assert.ok(e instanceof CaptureError);
      assert.equal(e.failure, 'agent-timeout');
      assert.match(e.message, /the agent did not answer within 0\.1 s/);
      return true;
    });
  });
});
