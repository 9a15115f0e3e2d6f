// The Sessions view's CPU Start/Stop when the program dies while recording (real Go): a
// panic in main's goroutine still lets the agent write the recording, so Stop returns it
// with a note saying how the program ended; the session then ends itself.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { topTable } from '../../../src/analysis/top';
import { launchWithAgent } from '../../../src/capture/launcher';
import { decodeProfile } from '../../../src/pprof/decode-profile';
import { inflateNode } from '../../../src/pprof/inflate-node';
import { agentSession } from '../../../src/session/agent-session';

const FIXTURES = resolve('test/fixtures/go-capture');

describe('agent session CPU recording cut short (real Go)', () => {
  it('a panic in main while CPU records: Stop returns what was recorded, saying the program panicked and why; ended says the same', async () => {
    const launched = await launchWithAgent({ pattern: './workload', cwd: FIXTURES, stdio: 'pipe', args: ['-burn'] });
    try {
      const session = agentSession(launched);
      await session.cpuControl!.start();
      const startedAt = new Date();
      launched.program.child.stdin!.write('crash\n');
      await launched.program.exited;
      const result = await session.cpuControl!.stop(startedAt);
      assert.match(result.note ?? '', /^workload panicked \(exit code 2\): workload: crash requested \d+\.\d s into the CPU recording; the \d+\.\d s recorded are saved$/);
      const profile = decodeProfile(result.profile, { source: 'cpu', inflate: inflateNode });
      assert.equal(topTable(profile, {}).sampleType.type, 'cpu');
      assert.equal(await session.ended, 'panicked (exit code 2): workload: crash requested');
    } finally {
      await launched.dispose();
    }
  });
});
