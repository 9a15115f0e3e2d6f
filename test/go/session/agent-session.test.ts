// The Sessions view's CPU Start/Stop when the program dies while recording (real Go): the
// stop says the recording is lost and how the program ended; the session then ends itself.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { CaptureError } from '../../../src/capture/errors';
import { launchWithAgent } from '../../../src/capture/launcher';
import { agentSession } from '../../../src/session/agent-session';

const FIXTURES = resolve('test/fixtures/go-capture');

describe('agent session CPU recording cut short (real Go)', () => {
  it('a panic while CPU records: Stop says the recording is lost, that the program panicked and why; ended says the same', async () => {
    const launched = await launchWithAgent({ pattern: './workload', cwd: FIXTURES, stdio: 'pipe' });
    try {
      const session = agentSession(launched);
      await session.cpuControl!.start();
      const startedAt = new Date();
      launched.program.child.stdin!.write('crash\n');
      await launched.program.exited;
      await assert.rejects(session.cpuControl!.stop(startedAt), (e: unknown) => {
        assert.ok(e instanceof CaptureError && e.failure === 'program-ended', String(e));
        assert.equal(e.message, 'CPU recording lost: workload panicked (exit code 2): workload: crash requested; captures saved earlier are kept');
        return true;
      });
      assert.equal(await session.ended, 'panicked (exit code 2): workload: crash requested');
    } finally {
      await launched.dispose();
    }
  });
});
