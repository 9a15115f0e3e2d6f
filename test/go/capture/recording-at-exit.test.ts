// A CPU recording running when the program ends (real Go): saved when main returns, on
// os.Exit (log.Fatal too), when main's goroutine panics and when the session is stopped;
// where the runtime gives no chance (a panic in another goroutine, SIGKILL) the error says
// exactly what was lost. Saved files are checked against `go tool pprof`.
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { topTable } from '../../../src/analysis/top';
import { CaptureError } from '../../../src/capture/errors';
import { launchWithAgent, type ProfilerSession } from '../../../src/capture/launcher';
import { saveCaptureResult, sessionContext } from '../../../src/capture/save-capture';
import type { CaptureResult } from '../../../src/capture/capture-kinds';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import { goPprofTop } from '../../support/go-pprof';
import { assertSameTop } from '../../fidelity/analysis/top-oracle';
import { TRUST_FIXTURES, topProgramFunction, withTempDir } from './helpers';

interface Started {
  readonly session: ProfilerSession;
  readonly stderr: () => string;
}

/** The endings fixture, ready, with a CPU recording started through the agent. */
async function recording(options: { wholeRun?: boolean } = {}): Promise<Started> {
  const session = await launchWithAgent({ pattern: './endings', cwd: TRUST_FIXTURES, stdio: 'pipe', wholeRun: options.wholeRun ?? false });
  let out = '';
  let err = '';
  session.program.child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  session.program.child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  await session.ready;
  while (!out.includes('endings ready')) await new Promise((r) => setTimeout(r, 20));
  if (!options.wholeRun) await session.startCpu();
  // Let the recording collect samples of burnUntilEnd.
  await new Promise((r) => setTimeout(r, 500));
  return { session, stderr: () => err };
}

/** Saves `result` and checks the file: the burner on top, no agent name, go tool pprof's numbers. */
async function checkSaved(dir: string, session: ProfilerSession, result: CaptureResult): Promise<void> {
  const saved = await saveCaptureResult(dir, result, sessionContext(session), { source: 'agent' });
  const profile = await readProfileFile(saved.profilePath);
  assert.equal(topProgramFunction(topTable(profile, {})), 'main.burnUntilEnd');
  assert.doesNotMatch(gunzipSync(result.profile).toString('latin1'), /goprofilerAgent/);
  for (const sampleIndex of ['samples', 'cpu']) {
    assertSameTop(topTable(profile, { sampleIndex }), await goPprofTop(saved.profilePath, { sampleIndex }), `${result.kind} ${sampleIndex}`);
  }
}

const SAVED: ReadonlyArray<{ name: string; command: string; code: number; end: RegExp }> = [
  { name: 'main returns', command: 'return', code: 0, end: /^endings exited with code 0 / },
  { name: 'the program calls os.Exit(3)', command: 'exit 3', code: 3, end: /^endings exited with code 3 / },
  { name: 'the program calls log.Fatal', command: 'fatal', code: 1, end: /^endings exited with code 1 / },
  { name: "main's goroutine panics", command: 'panic', code: 2, end: /^endings panicked \(exit code 2\): endings: panic requested / },
];

describe('a CPU recording running when the program ends (real Go)', () => {
  for (const ending of SAVED) {
    it(`${ending.name}: what was recorded is saved, with a note saying so`, async (t) => {
      await withTempDir(async (dir) => {
        const { session, stderr } = await recording();
        try {
          session.program.child.stdin!.write(`${ending.command}\n`);
          assert.equal((await session.program.exited).code, ending.code);
          const result = await session.stopCpu();
          t.diagnostic(result.note ?? '(no note)');
          assert.match(result.note ?? '', ending.end);
          assert.match(result.note ?? '', /into the CPU recording; the \d+\.\d s recorded are saved$/);
          assert.ok(result.endedAt > result.startedAt);
          await checkSaved(dir, session, result);
          // The program's own output is what it would be without the agent.
          if (ending.command === 'panic') assert.match(stderr(), /^panic: endings: panic requested\n\ngoroutine 1 \[running\]:/m);
          assert.doesNotMatch(stderr(), /go-profiler|recovered/);
        } finally {
          await session.dispose();
        }
      });
    });
  }

  it('a timed CPU capture cut short by os.Exit returns what was recorded, with a note naming the window', async (t) => {
    await withTempDir(async (dir) => {
      const session = await launchWithAgent({ pattern: './endings', cwd: TRUST_FIXTURES, stdio: 'pipe', args: ['-after', '2s', '-end', 'exit 4'] });
      try {
        const result = await session.capture({ kind: 'cpu', seconds: 60 });
        t.diagnostic(result.note ?? '(no note)');
        assert.equal((await session.program.exited).code, 4);
        assert.match(result.note ?? '', /^endings exited with code 4 after \d+\.\d s of the 60 s window; the \d+\.\d s recorded are saved$/);
        await checkSaved(dir, session, result);
      } finally {
        await session.dispose();
      }
    });
  });

  it('Stop during a recording: the agent writes it before the program is ended', async (t) => {
    await withTempDir(async (dir) => {
      const { session } = await recording();
      try {
        await session.stop();
        const atExit = await session.recordingAtExit();
        assert.ok(atExit && 'saved' in atExit, 'the recording was written before the stop');
        const result = await session.stopCpu();
        t.diagnostic(result.note ?? '(no note)');
        assert.match(result.note ?? '', /^endings was killed by SIGTERM \d+\.\d s into the CPU recording; the \d+\.\d s recorded are saved$/);
        await checkSaved(dir, session, result);
      } finally {
        await session.dispose();
      }
    });
  });

  it("whole-run mode: os.Exit still yields the run's CPU, heap and allocs", async () => {
    await withTempDir(async (dir) => {
      const { session } = await recording({ wholeRun: true });
      try {
        session.program.child.stdin!.write('exit 5\n');
        assert.equal((await session.program.exited).code, 5);
        const results = await session.wholeRunResults();
        assert.deepEqual(results.map((r) => r.kind), ['cpu', 'heap', 'allocs']);
        await checkSaved(dir, session, results[0]!);
      } finally {
        await session.dispose();
      }
    });
  });

  const LOST: ReadonlyArray<{ name: string; end: (s: ProfilerSession) => void; message: RegExp }> = [
    {
      name: 'a panic in another goroutine',
      end: (s) => s.program.child.stdin!.write('gopanic\n'),
      message:
        /^cpu capture failed: the CPU recording started at \d\d:\d\d:\d\d \(\d+\.\d s\) was lost: endings panicked \(exit code 2\): endings: goroutine panic requested; the panic was outside main's goroutine, and then the Go runtime ends the program without running any other code$/,
    },
    {
      name: 'SIGKILL',
      end: (s) => process.kill(s.program.pid, 'SIGKILL'),
      message: /^cpu capture failed: the CPU recording started at \d\d:\d\d:\d\d \(\d+\.\d s\) was lost: endings was killed by SIGKILL; SIGKILL ends a program at once, with no chance to write anything$/,
    },
  ];
  for (const ending of LOST) {
    it(`${ending.name}: no chance to write it, and the error says exactly what was lost`, async (t) => {
      const { session } = await recording();
      try {
        ending.end(session);
        await session.program.exited;
        await assert.rejects(session.stopCpu(), (e: unknown) => {
          assert.ok(e instanceof CaptureError && e.failure === 'program-ended', String(e));
          t.diagnostic(e.message);
          assert.match(e.message, ending.message);
          return true;
        });
      } finally {
        await session.dispose();
      }
    });
  }
});
