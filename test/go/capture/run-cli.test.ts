// `go-profiler run` end to end in its own process: real Go builds, real captures.
import assert from 'node:assert/strict';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli, savedLines } from './cli-child';
import { top, withTempDir, topProgramFunction } from './helpers';

describe('go-profiler run (real Go)', () => {
  it('takes the listed captures, prints one line per file, exits with the program\'s code', async () => {
    await withTempDir(async (dir) => {
      const cli = runCli(['--capture', 'heap,goroutine,cpu=1s', '--out', dir, '--', './workload', '-burn', '-sleepers', '2', '-exit', '3']);
      try {
        await cli.waitFor(/^cpu \//m);
        await cli.waitFor(/^goroutine-text \//m);
        await cli.waitFor(/^heap \//m);
        cli.program.child.stdin!.end();
        const exit = await cli.program.exited;
        assert.equal(exit.code, 3, cli.stderr());
        const saved = savedLines(cli.stdout());
        assert.deepEqual([...saved.keys()].sort(), ['cpu', 'goroutine', 'goroutine-text', 'heap']);
        for (const path of saved.values()) assert.ok(path.startsWith(dir));
        assert.equal(topProgramFunction(await top(saved.get('cpu')!)), 'main.burnCPU');
        assert.match(cli.stdout(), /workload ready/);
      } finally {
        await cli.program.stop();
      }
    });
  });

  it('keeps earlier captures and exits 2 with one line when the program crashes mid-capture', async () => {
    await withTempDir(async (dir) => {
      // A block capture (a CPU recording is saved at the end: run-cli-endings.test.ts).
      const cli = runCli(['--capture', 'heap,block=60s', '--out', dir, '--', './workload']);
      try {
        await cli.waitFor(/^heap \//m);
        cli.program.child.stdin!.write('crash\n');
        const exit = await cli.program.exited;
        assert.equal(exit.code, 2);
        assert.match(cli.stderr(), /^go-profiler run: block capture failed: workload ended during the capture: it exited with code 2$/m);
        const heap = savedLines(cli.stdout()).get('heap')!;
        assert.ok((await stat(heap)).size > 0);
        assert.equal(savedLines(cli.stdout()).has('block'), false);
      } finally {
        await cli.program.stop();
      }
    });
  });

  it('--whole-run profiles a 200 ms program: CPU, heap and allocs', async () => {
    await withTempDir(async (dir) => {
      const cli = runCli(['--whole-run', '--out', dir, '--', './shortrun']);
      const exit = await cli.program.exited;
      assert.equal(exit.code, 0, cli.stderr());
      const saved = savedLines(cli.stdout());
      assert.deepEqual([...saved.keys()].sort(), ['allocs', 'cpu', 'heap']);
      assert.equal(topProgramFunction(await top(saved.get('cpu')!)), 'main.burnShort');
    });
  });

  it('reports a build error with the compiler\'s message and exits 2', async () => {
    await withTempDir(async (dir) => {
      await mkdir(join(dir, 'broken'));
      await writeFile(join(dir, 'go.mod'), 'module example.com/broken\n\ngo 1.21\n');
      await writeFile(join(dir, 'broken', 'main.go'), 'package main\n\nfunc main() {\n\tnotDeclared()\n}\n');
      const cli = runCli(['--capture', 'heap', '--', './broken'], dir);
      const exit = await cli.program.exited;
      assert.equal(exit.code, 2);
      assert.match(cli.stderr(), /main\.go:4:2: undefined: notDeclared/);
      assert.match(cli.stderr(), /^go-profiler run: build of \.\/broken failed: .*undefined: notDeclared$/m);
    });
  });
});
