// However `go-profiler run` ends, it leaves no process and no temp folder behind: real CLI,
// real Go builds, real signals. Each run gets its own TMPDIR, so its temp folders are the
// ones under it and its processes are the ones whose environment holds it (counted from
// /proc, independently of how the product finds them). The program is the stubborn
// fixture where it matters: it ignores SIGINT and SIGTERM and starts three children, one in
// a session of its own.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findGo } from '../../../src/capture/find-go';
import { runCli, processesWithEnv, tempFoldersIn, untilEmpty, type Cli } from './cli-child';

let root: string;
let runs = 0;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'go-profiler-ending-'));
});
after(() => rm(root, { recursive: true, force: true }));

interface Run {
  readonly cli: Cli;
  /** This run's TMPDIR. */
  readonly tmp: string;
  /** "TMPDIR=<tmp>": held by every process of the run. */
  readonly marker: string;
}

async function startRun(args: string[], goArgs: string[] = []): Promise<Run> {
  const tmp = join(root, `tmp${++runs}`);
  await mkdir(tmp);
  const out = join(root, `out${runs}`);
  const cli = runCli([...goArgs, '--capture', 'heap', '--out', out, '--', ...args], undefined, { ...process.env, TMPDIR: tmp });
  return { cli, tmp, marker: `TMPDIR=${tmp}` };
}

/** After the CLI has exited: processes of the run left (after they had a moment to die), temp folders left. */
async function leftBehind(run: Run): Promise<{ processes: number[]; folders: string[] }> {
  const processes = await untilEmpty(() => processesWithEnv(run.marker));
  return { processes, folders: tempFoldersIn(run.tmp) };
}

/** Ends whatever a failed test left, so it cannot hold the test's pipes open. */
function killAll(run: Run): void {
  for (const pid of processesWithEnv(run.marker)) process.kill(pid, 'SIGKILL');
}

async function stubbornRunning(): Promise<Run> {
  const run = await startRun(['./stubborn']);
  await run.cli.waitFor(/^stubborn ready [\d ]+$/m);
  await run.cli.waitFor(/^heap \//m);
  assert.ok(processesWithEnv(run.marker).length >= 5, 'the CLI and the 4 processes of the program run');
  return run;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2400 && !condition(); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(condition(), what);
}

/**
 * A run of the stubborn program whose build is held before linking, returned once it is
 * held: the CLI is given (--go) a `go` that runs the real one, except that a build goes
 * through a -toolexec script that waits at the link step (not at the linker's version query)
 * until release() is called. The go command and its tools are really running.
 */
async function heldBuild(): Promise<{ run: Run; release: () => Promise<void> }> {
  const dir = join(root, `held${++runs}`);
  await mkdir(dir);
  const [go, hold, linking, released] = ['go', 'hold', 'linking', 'release'].map((n) => join(dir, n)) as [string, string, string, string];
  await writeFile(hold, `#!/bin/sh\ncase "$1 $2" in\n*/link\\ -V=full) ;;\n*/link\\ *) : > '${linking}'; while [ ! -e '${released}' ]; do sleep 0.05; done;;\nesac\nexec "$@"\n`);
  await writeFile(go, `#!/bin/sh\nif [ "$1" = build ]; then shift; exec '${findGo()}' build -toolexec '${hold}' "$@"; fi\nexec '${findGo()}' "$@"\n`);
  await chmod(hold, 0o755);
  await chmod(go, 0o755);
  const run = await startRun(['./stubborn'], ['--go', go]);
  const release = (): Promise<void> => writeFile(released, '');
  try {
    await until(() => existsSync(linking), `the build reaches the link step: ${run.cli.stderr()}`);
  } catch (e) {
    await release();
    killAll(run);
    throw e;
  }
  return { run, release };
}

describe('go-profiler run leaves nothing behind, however it ends (real Go, real signals)', () => {
  it('the program ends by itself: exit code 0, 0 processes, 0 temp folders', async (t) => {
    const run = await startRun(['./workload']);
    try {
      await run.cli.waitFor(/^heap \//m);
      run.cli.program.child.stdin!.end(); // the workload exits when its stdin closes
      const exit = await run.cli.program.exited;
      assert.equal(exit.code, 0, run.cli.stderr());
      const left = await leftBehind(run);
      assert.deepEqual(left, { processes: [], folders: [] });
      t.diagnostic(`processes left 0, temp folders left 0`);
    } finally {
      killAll(run);
    }
  });

  it('SIGKILL of the CLI while the program runs: the watchdog ends all 4 processes and removes the folder', async (t) => {
    const run = await stubbornRunning();
    try {
      const sent = performance.now();
      run.cli.program.child.kill('SIGKILL');
      const exit = await run.cli.program.exited;
      assert.equal(exit.signal, 'SIGKILL');
      const left = await leftBehind(run);
      assert.deepEqual(left, { processes: [], folders: [] });
      t.diagnostic(`all gone ${(performance.now() - sent).toFixed(0)} ms after SIGKILL; processes left 0, temp folders left 0`);
    } finally {
      killAll(run);
    }
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} of the CLI while the program ignores it: passed on, then the tree is killed after the grace period`, async (t) => {
      const run = await stubbornRunning();
      try {
        const sent = performance.now();
        run.cli.program.child.kill(signal);
        const exit = await run.cli.program.exited;
        const tookMs = performance.now() - sent;
        assert.equal(exit.code, 137, run.cli.stderr()); // the program's end: SIGKILL
        const name = signal === 'SIGINT' ? 'interrupt' : 'terminated';
        assert.match(run.cli.stdout(), new RegExp(`^parent \\d+: ignoring ${name}$`, 'm'), 'the signal was passed on');
        assert.match(run.cli.stderr(), new RegExp(`^go-profiler run: stubborn still running 2 s after ${signal}; killing it and every process it started$`, 'm'));
        assert.deepEqual(await leftBehind(run), { processes: [], folders: [] });
        t.diagnostic(`CLI exited ${tookMs.toFixed(0)} ms after ${signal}; processes left 0, temp folders left 0`);
      } finally {
        killAll(run);
      }
    });
  }

  it('a second signal kills at once', async (t) => {
    const run = await stubbornRunning();
    try {
      run.cli.program.child.kill('SIGINT');
      await run.cli.waitFor(/^parent \d+: ignoring interrupt$/m);
      const sent = performance.now();
      run.cli.program.child.kill('SIGTERM');
      const exit = await run.cli.program.exited;
      t.diagnostic(`CLI exited ${(performance.now() - sent).toFixed(0)} ms after the second signal`);
      assert.equal(exit.code, 137, run.cli.stderr());
      assert.match(run.cli.stderr(), /^go-profiler run: stubborn still running at a second signal \(SIGTERM\); killing it and every process it started$/m);
      assert.deepEqual(await leftBehind(run), { processes: [], folders: [] });
    } finally {
      killAll(run);
    }
  });

  it('SIGTERM with a program that ends on it: the shell code of the signal, nothing left', async () => {
    const run = await startRun(['./workload']);
    try {
      await run.cli.waitFor(/^heap \//m);
      run.cli.program.child.kill('SIGTERM');
      const exit = await run.cli.program.exited;
      assert.equal(exit.code, 143, run.cli.stderr());
      assert.deepEqual(await leftBehind(run), { processes: [], folders: [] });
    } finally {
      killAll(run);
    }
  });

  it('SIGINT during the build: the go command stops, exit code 130, 0 processes, 0 temp folders (go\'s own included)', async (t) => {
    const { run, release } = await heldBuild();
    try {
      const [folder] = tempFoldersIn(run.tmp);
      assert.match(folder ?? '', /^go-profiler-build-/, 'the build folder exists, and nothing else');
      assert.match(readdirSync(join(run.tmp, folder!, 'go-tmp')).join(), /^go-build\d+$/, 'go\'s work folder is inside it');
      const sent = performance.now();
      run.cli.program.child.kill('SIGINT');
      const exit = await run.cli.program.exited;
      const tookMs = performance.now() - sent;
      assert.equal(exit.code, 130, run.cli.stderr());
      assert.match(run.cli.stderr(), /^go-profiler run: interrupted by SIGINT during the build$/m);
      assert.deepEqual(await leftBehind(run), { processes: [], folders: [] });
      t.diagnostic(`CLI exited ${tookMs.toFixed(0)} ms after SIGINT; processes left 0, temp folders left 0`);
    } finally {
      await release();
      killAll(run);
    }
  });

  it('SIGKILL during the build: go finishes on its own, and the next run sweeps the folder the CLI could not remove', async (t) => {
    const { run, release } = await heldBuild();
    try {
      run.cli.program.child.kill('SIGKILL');
      await run.cli.program.exited;
      await release();
      const left = await leftBehind(run);
      assert.deepEqual(left.processes, [], 'the go command ended after its build');
      const folders = left.folders;
      assert.equal(folders.length, 1, `one build folder left: ${folders.join(', ')}`);
      assert.match(folders[0]!, /^go-profiler-build-/);

      // The next run, with the same TMPDIR, sweeps it at its start (even though it then fails).
      const next = runCli(['--capture', 'heap', '--', './nosuch'], undefined, { ...process.env, TMPDIR: run.tmp });
      assert.equal((await next.program.exited).code, 2, next.stderr());
      assert.deepEqual(await leftBehind(run), { processes: [], folders: [] });
      t.diagnostic(`after the CLI: processes 0 once go finished, temp folders 1; after the next start: 0`);
    } finally {
      await release();
      killAll(run);
    }
  });
});
