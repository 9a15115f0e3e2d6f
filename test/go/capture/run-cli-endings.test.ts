// `go-profiler run` when the program ends during a CPU capture, and contention from start,
// in its own process (real Go): what was recorded is saved and printed, or what was lost
// is said; block and mutex sampling flags.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SAMPLING } from '../../../src/capture/capture-kinds';
import { parseRunArgs } from '../../../src/cli/run';
import { row, top, topProgramFunction, TRUST_FIXTURES, withTempDir } from './helpers';
import { runCli, savedLines } from './cli-child';

describe('go-profiler run: the end of the program and contention (real Go)', () => {
  it('os.Exit(3) during cpu=60s: the recording so far is saved and printed, a note says so, the exit code is the program\'s', async () => {
    await withTempDir(async (dir) => {
      const cli = runCli(['--capture', 'cpu=60s', '--out', dir, '--', './endings', '-after', '2s', '-end', 'exit 3'], TRUST_FIXTURES);
      const exit = await cli.program.exited;
      assert.equal(exit.code, 3, cli.stderr());
      const cpu = savedLines(cli.stdout()).get('cpu');
      assert.ok(cpu, cli.stdout());
      assert.equal(topProgramFunction(await top(cpu)), 'main.burnUntilEnd');
      assert.match(cli.stderr(), /^go-profiler run: cpu: endings exited with code 3 after \d+\.\d s of the 60 s window; the \d+\.\d s recorded are saved$/m);
    });
  });

  it('a panic outside main\'s goroutine during cpu=60s: exit 2 and one line saying what was lost', async () => {
    await withTempDir(async (dir) => {
      const cli = runCli(['--capture', 'cpu=60s', '--out', dir, '--', './endings', '-after', '2s', '-end', 'gopanic'], TRUST_FIXTURES);
      const exit = await cli.program.exited;
      assert.equal(exit.code, 2);
      // The CLI passes the terminal through, so it knows the exit code but not the panic line.
      assert.match(cli.stderr(), /^go-profiler run: cpu capture failed: the CPU recording started at \d\d:\d\d:\d\d \(\d+\.\d s\) was lost: endings exited with code 2; code 2 is the Go runtime's for a panic outside main's goroutine/m);
      assert.equal(savedLines(cli.stdout()).has('cpu'), false);
    });
  });

  it('mutex=2s of contention already going on shows the contending function in sync.(*Mutex).Unlock', async () => {
    await withTempDir(async (dir) => {
      const cli = runCli(['--capture', 'mutex=2s', '--out', dir, '--', './contention'], TRUST_FIXTURES);
      try {
        await cli.waitFor(/^mutex \//m);
        const table = await top(savedLines(cli.stdout()).get('mutex')!);
        assert.ok((row(table, 'main.holdShared')?.cum ?? 0) > 0, table.rows.map((r) => r.name).join(', '));
        assert.ok((row(table, 'sync.(*Mutex).Unlock')?.flat ?? 0) > 0);
        cli.program.child.stdin!.end();
        assert.equal((await cli.program.exited).code, 0, cli.stderr());
      } finally {
        await cli.program.stop();
      }
    });
  });

  it('parses the sampling flags; whole numbers only', () => {
    assert.deepEqual(parseRunArgs(['--capture', 'mutex', '--', './p']).sampling, DEFAULT_SAMPLING);
    const given = parseRunArgs(['--mutex-profile-fraction', '5', '--block-profile-rate=0', '--capture', 'block', '--', './p']);
    assert.deepEqual(given.sampling, { mutexProfileFraction: 5, blockProfileRate: 0 });
    assert.throws(() => parseRunArgs(['--block-profile-rate', '-1', '--capture', 'block', '--', './p']), /--block-profile-rate needs a whole number ≥ 0, not "-1"/);
    assert.throws(() => parseRunArgs(['--block-profile-rate', '1.5', '--capture', 'block', '--', './p']), /--block-profile-rate needs a whole number ≥ 0, not "1\.5"/);
  });
});
