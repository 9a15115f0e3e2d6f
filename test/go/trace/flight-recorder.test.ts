// The agent's flight recorder (runtime/trace.FlightRecorder, Go 1.25+) in a real program: start
// it, snapshot the last seconds (a trace go tool trace reads, showing the program's work), stop.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CaptureError } from '../../../src/capture/errors';
import { launchWithAgent, type ProfilerSession } from '../../../src/capture/launcher';
import type { AgentClient } from '../../../src/capture/agent-client';
import { readTrace } from '../../../src/trace/read';
import { traceCounts } from '../../../src/trace/summary';
import { parsedByGoTool } from '../../support/go-trace';
import { FIXTURES, withTempDir } from '../capture/helpers';

describe('flight recorder through the agent (real Go 1.25+)', () => {
  let session: ProfilerSession;
  let client: AgentClient;

  before(async () => {
    session = await launchWithAgent({ pattern: './workload', cwd: FIXTURES, args: ['-contend', '3'], stdio: 'pipe' });
    client = await session.ready;
  });
  after(async () => {
    await session.dispose();
  });

  it('snapshots the last seconds as a trace go tool trace reads; refuses a snapshot once stopped', async () => {
    await client.flight('start', 2);
    await assert.rejects(client.flight('start', 2), (e: unknown) => e instanceof CaptureError && e.failure === 'busy' && /already running/.test(e.message));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const snapshot = await client.flight('snapshot');
    assert.equal(snapshot.kind, 'trace');
    await withTempDir(async (dir) => {
      const file = join(dir, 'flight.trace');
      await writeFile(file, snapshot.profile);
      const { lines } = await parsedByGoTool(file);
      const trace = readTrace(snapshot.profile, file);
      assert.equal(traceCounts(trace).events, lines.length);
      assert.ok(trace.frames.some((f) => f.func === 'main.contendLock'), 'the program\'s own work is in the snapshot');
    });
    await client.flight('stop');
    await assert.rejects(client.flight('snapshot'), (e: unknown) => e instanceof CaptureError && /not running/.test(e.message));
  });
});
