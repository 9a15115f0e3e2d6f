// Start/Stop Trace through the agent (real Go): an open-ended runtime/trace from start to stop
// is a trace go tool trace reads (same event count as ours, the program's work in it); a
// second start is refused; a trace running when main returns is written by the agent and
// comes back with a note; SIGKILL leaves none and the error says what was lost.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CaptureError } from '../../../src/capture/errors';
import { launchWithAgent, type ProfilerSession } from '../../../src/capture/launcher';
import { readTrace } from '../../../src/trace/read';
import { traceCounts } from '../../../src/trace/summary';
import { parsedByGoTool } from '../../support/go-trace';
import { FIXTURES, TRUST_FIXTURES, withTempDir } from '../capture/helpers';

/** Our reader and go tool trace agree on the number of events; the trace holds `func` when given. */
async function checkTrace(dir: string, bytes: Uint8Array, func?: string): Promise<void> {
  const file = join(dir, 'recorded.trace');
  await writeFile(file, bytes);
  const { lines } = await parsedByGoTool(file);
  const trace = readTrace(bytes, file);
  assert.ok(lines.length > 0);
  assert.equal(traceCounts(trace).events, lines.length);
  if (func) assert.ok(trace.frames.some((f) => f.func === func), `${func} is in the trace: ${[...new Set(trace.frames.map((f) => f.func))].join(', ')}`);
}

async function endingsReady(): Promise<ProfilerSession> {
  const session = await launchWithAgent({ pattern: './endings', cwd: TRUST_FIXTURES, stdio: 'pipe' });
  let out = '';
  session.program.child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  await session.ready;
  while (!out.includes('endings ready')) await new Promise((r) => setTimeout(r, 20));
  return session;
}

describe('Start/Stop Trace through the agent (real Go)', () => {
  it('records from start to stop a trace go tool trace reads; refuses a second start', async () => {
    const session = await launchWithAgent({ pattern: './workload', cwd: FIXTURES, args: ['-contend', '3'], stdio: 'pipe' });
    try {
      await session.ready;
      await session.startTrace();
      await assert.rejects(session.startTrace(), (e: unknown) => e instanceof CaptureError && e.failure === 'busy' && /already recording/.test(e.message));
      await new Promise((r) => setTimeout(r, 800));
      const result = await session.stopTrace();
      assert.equal(result.kind, 'trace');
      assert.equal(result.note, undefined);
      assert.ok(result.endedAt > result.startedAt);
      await withTempDir((dir) => checkTrace(dir, result.profile, 'main.contendLock'));
      await assert.rejects(session.stopTrace(), (e: unknown) => e instanceof CaptureError && /no execution trace was started/.test(e.message));
    } finally {
      await session.dispose();
    }
  });

  it('main returns while tracing: the agent writes the trace, returned with a note', async (t) => {
    const session = await endingsReady();
    try {
      await session.startTrace();
      await new Promise((r) => setTimeout(r, 300));
      session.program.child.stdin!.write('return\n');
      assert.equal((await session.program.exited).code, 0);
      const result = await session.stopTrace();
      t.diagnostic(result.note ?? '(no note)');
      assert.match(result.note ?? '', /^endings exited with code 0 \d+\.\d s into the execution trace; the \d+\.\d s recorded are saved$/);
      await withTempDir((dir) => checkTrace(dir, result.profile));
    } finally {
      await session.dispose();
    }
  });

  it('SIGKILL while tracing: the error says what was lost', async () => {
    const session = await endingsReady();
    try {
      await session.startTrace();
      process.kill(session.program.pid, 'SIGKILL');
      await session.program.exited;
      await assert.rejects(
        session.stopTrace(),
        (e: unknown) =>
          e instanceof CaptureError &&
          /^trace failed: the execution trace started at \d\d:\d\d:\d\d \(\d+\.\d s\) was lost: endings was killed by SIGKILL; SIGKILL ends a program at once/.test(e.message),
      );
    } finally {
      await session.dispose();
    }
  });
});
