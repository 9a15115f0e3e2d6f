// The launcher's failures, each with a clear message and nothing lost (real Go).
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CaptureError, type CaptureFailure } from '../../../src/capture/errors';
import { findGo } from '../../../src/capture/find-go';
import { topTable } from '../../../src/analysis/top';
import { CrashWatcher, describeEnd } from '../../../src/capture/go-crash';
import { launchWithAgent, type ProfilerSession } from '../../../src/capture/launcher';
import { runTool, startProgram } from '../../../src/capture/process';
import { saveCaptureResult, sessionContext } from '../../../src/capture/save-capture';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import { listProfiles } from '../../../src/store/profile-store';
import { FIXTURES, withTempDir } from './helpers';

function failsWith(failure: CaptureFailure, message: RegExp) {
  return (e: unknown): boolean => {
    assert.ok(e instanceof CaptureError, String(e));
    assert.equal(e.failure, failure, e.message);
    assert.match(e.message, message);
    return true;
  };
}

/** Starts the workload fixture and waits until main has started (it prints "workload ready"). */
async function startWorkload(args: readonly string[]): Promise<{ session: ProfilerSession; output: () => string }> {
  const session = await launchWithAgent({ pattern: './workload', cwd: FIXTURES, stdio: 'pipe', args });
  let out = '';
  session.program.child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  await session.ready;
  return { session, output: () => out };
}

/** Waits until `output()` matches or the program exits (then fails with what it printed). */
async function waitForOutput(session: ProfilerSession, output: () => string, pattern: RegExp): Promise<void> {
  while (!pattern.test(output())) {
    if (session.program.hasExited()) throw new Error(`${session.build.program} exited before printing ${pattern}: ${output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Ways the program ends during a (block) capture, and what the failed capture must say. A
 * CPU recording is saved at the end instead, or says what was lost: recording-at-exit.test.ts.
 */
const ENDINGS: ReadonlyArray<{ name: string; args: string[]; end: (session: ProfilerSession) => void; message: RegExp }> = [
  {
    name: 'panics',
    args: [],
    end: (s) => s.program.child.stdin!.write('crash\n'),
    message: /^block capture failed: workload ended during the capture: it panicked \(exit code 2\): workload: crash requested$/,
  },
  {
    name: 'calls os.Exit(3)',
    args: ['-exit', '3'],
    end: (s) => s.program.child.stdin!.end(),
    message: /^block capture failed: workload ended during the capture: it exited with code 3$/,
  },
  {
    name: 'is killed by a signal',
    args: [],
    end: (s) => process.kill(s.program.pid, 'SIGKILL'),
    message: /^block capture failed: workload ended during the capture: it was killed by SIGKILL$/,
  },
];

describe('launcher failures (real Go)', () => {
  for (const ending of ENDINGS) {
    it(`the program ${ending.name} during a capture: that capture fails naming it and how it ended; the earlier capture stays saved and decodes`, async () => {
      await withTempDir(async (dir) => {
        const { session, output } = await startWorkload(['-retain', '16', ...ending.args]);
        try {
          await waitForOutput(session, output, /workload ready/);
          const heap = await saveCaptureResult(dir, await session.capture({ kind: 'heap' }), sessionContext(session), { source: 'agent' });
          const block = session.capture({ kind: 'block', seconds: 60 });
          ending.end(session);
          await assert.rejects(block, failsWith('program-ended', ending.message));
          const saved = await listProfiles(dir);
          assert.deepEqual(saved.map((p) => p.profilePath), [heap.profilePath]);
          assert.equal(topTable(await readProfileFile(heap.profilePath), { sampleIndex: 'inuse_space' }).rows[0]?.name, 'main.allocateRetained');
          await assert.rejects(session.capture({ kind: 'heap' }), failsWith('program-ended', /^heap capture failed: workload ended during the capture: it /));
        } finally {
          await session.dispose();
        }
      });
    });
  }

  it('a deadlocked program stays alive (the agent listens): a CPU capture completes, a goroutine capture shows the stuck goroutines', async (t) => {
    await withTempDir(async (dir) => {
      const { session, output } = await startWorkload([]);
      try {
        await waitForOutput(session, output, /workload ready/);
        const cpu = session.capture({ kind: 'cpu', seconds: 2 });
        session.program.child.stdin!.write('deadlock\n');
        const cpuResult = await cpu;
        await waitForOutput(session, output, /workload deadlocked/);
        const goroutine = await session.capture({ kind: 'goroutine' });
        assert.equal(session.program.hasExited(), false);
        const cpuSaved = await saveCaptureResult(dir, cpuResult, sessionContext(session), { source: 'agent' });
        const cpuProfile = await readProfileFile(cpuSaved.profilePath);
        assert.equal(topTable(cpuProfile, {}).sampleType.type, 'cpu');
        t.diagnostic(`CPU capture across the deadlock: ${cpuProfile.samples.count} samples`);

        const saved = await saveCaptureResult(dir, goroutine, sessionContext(session), { source: 'agent' });
        const rows = topTable(await readProfileFile(saved.profilePath), {}).rows;
        for (const name of ['main.lockAThenB', 'main.lockBThenA', 'main.deadlock']) {
          assert.equal(rows.find((r) => r.name === name)?.cum, 1, `${name} in ${rows.map((r) => r.name).join(', ')}`);
        }
        // The dump says what each one waits for.
        const dump = goroutine.text ?? '';
        for (const name of ['lockAThenB', 'lockBThenA']) {
          assert.match(dump, new RegExp(`goroutine \\d+ \\[sync\\.Mutex\\.Lock[^\\]]*\\]:\\n(?:.*\\n)*?main\\.${name}\\(`), `${name} waits in sync.Mutex.Lock`);
        }
        assert.match(dump, /goroutine 1 \[sync\.WaitGroup\.Wait[^\]]*\]:\n(?:.*\n)*?main\.deadlock\(/);
      } finally {
        await session.dispose();
      }
    });
  });

  it('without the agent the same deadlock is a fatal error, described as one', async () => {
    await withTempDir(async (dir) => {
      const binary = join(dir, 'workload');
      const built = await runTool(findGo(), ['build', '-o', binary, './workload'], { cwd: FIXTURES });
      assert.equal(built.code, 0, built.stderr);
      const program = startProgram(binary, [], { stdio: 'pipe' });
      const crash = new CrashWatcher();
      program.child.stderr!.on('data', (b: Buffer) => crash.feed(b.toString()));
      const stderrEnded = new Promise((r) => program.child.stderr!.once('end', r));
      program.child.stdin!.write('deadlock\n');
      const exit = await program.exited;
      await stderrEnded;
      assert.equal(describeEnd(exit, crash.crashLine()), 'hit a fatal error (exit code 2): all goroutines are asleep - deadlock!');
    });
  });

  it('a build error carries the compiler output', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'go.mod'), 'module example.com/broken\n\ngo 1.21\n');
      await writeFile(join(dir, 'main.go'), 'package main\n\nfunc main() {\n\tnotDeclared()\n}\n');
      await assert.rejects(launchWithAgent({ pattern: '.', cwd: dir }), (e: unknown) => {
        failsWith('build-failed', /^build of \. failed: .*main\.go:4:2: undefined: notDeclared$/)(e);
        assert.match((e as CaptureError).details, /undefined: notDeclared/);
        return true;
      });
    });
  });

  it('refuses a package that is not main', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'go.mod'), 'module example.com/lib\n\ngo 1.21\n');
      await mkdir(join(dir, 'lib'));
      await writeFile(join(dir, 'lib', 'lib.go'), 'package lib\n\nfunc F() {}\n');
      await assert.rejects(launchWithAgent({ pattern: './lib', cwd: dir }), failsWith('not-a-main-package', /\.\/lib is package lib, not a main package/));
    });
  });

  it('names a package that does not exist', async () => {
    await assert.rejects(launchWithAgent({ pattern: './nosuch', cwd: FIXTURES }), failsWith('go-list-failed', /go list \.\/nosuch failed: .*nosuch/));
  });

  it('says when go is missing', async () => {
    await withTempDir(async (dir) => {
      assert.throws(() => findGo({ pathVariable: dir }), failsWith('go-missing', /go not found on PATH/));
      await assert.rejects(launchWithAgent({ pattern: '.', cwd: dir, go: join(dir, 'go') }), failsWith('go-missing', /go not found at .*go \(not an executable file\)/));
    });
  });

  it('a capture asked for after the program has exited says it ended', async () => {
    const session = await launchWithAgent({ pattern: './shortrun', cwd: FIXTURES, stdio: 'pipe' });
    try {
      await session.program.exited;
      await assert.rejects(
        session.capture({ kind: 'heap' }),
        failsWith('program-ended', /^(heap capture failed: )?shortrun ended (before its agent was ready|during the capture): it exited with code 0$/),
      );
    } finally {
      await session.dispose();
    }
  });
});
