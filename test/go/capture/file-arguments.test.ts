// `go-profiler run -- ./prog/main.go ./prog/util.go ARGS`: a program named by its files, as
// `go run` takes them, is built with the agent (a build of named files compiles only the
// files named). Real Go program in a temp module, real CLI.
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildTargets } from '../../../src/capture/build';
import { parseRunArgs } from '../../../src/cli/run';
import { runCli } from './cli-child';
import { top, topProgramFunction, withTempDir } from './helpers';

const MAIN = `package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	fmt.Printf("args %q\\n", os.Args[1:])
	go burnInUtil()
	fmt.Println("files ready")
	bufio.NewReader(os.Stdin).ReadString('\\n')
}
`;

const UTIL = `package main

import "sync/atomic"

var sink uint64

// burnInUtil is declared in the second file: the expected top function of the CPU profile.
func burnInUtil() {
	x := uint64(1)
	for {
		for i := 0; i < 1000000; i++ {
			x = x*6364136223846793005 + 1442695040888963407
		}
		atomic.StoreUint64(&sink, x)
	}
}
`;

async function writeProgram(dir: string): Promise<void> {
  await writeFile(join(dir, 'go.mod'), 'module example.com/files\n\ngo 1.21\n');
  await mkdir(join(dir, 'prog'));
  await writeFile(join(dir, 'prog', 'main.go'), MAIN);
  await writeFile(join(dir, 'prog', 'util.go'), UTIL);
}

function savedPath(stdout: string, kind: string): string | undefined {
  return new RegExp(`^${kind} (/\\S+)$`, 'm').exec(stdout)?.[1];
}

describe('a program named by its .go files', () => {
  it('takes every leading .go argument as a file, like go run', () => {
    const parsed = parseRunArgs(['--capture', 'heap', '--', './main.go', 'util.go', 'one', 'two.go']);
    assert.equal(parsed.pattern, './main.go');
    assert.deepEqual(parsed.moreFiles, ['util.go']);
    assert.deepEqual(parsed.programArgs, ['one', 'two.go']);
    assert.equal(parseRunArgs(['--capture', 'heap', '--', './cmd/x', 'a.go']).moreFiles, undefined, 'a package takes no files');
  });

  it('names the agent file in the same folder as the first file, so go sees one folder', () => {
    assert.deepEqual(buildTargets('./cmd/x', [], '/abs/cmd/x/zz_goprofiler_agent.go'), ['./cmd/x']);
    assert.deepEqual(buildTargets('main.go', [], '/abs/zz_goprofiler_agent.go'), ['main.go', 'zz_goprofiler_agent.go']);
    assert.deepEqual(buildTargets('./prog/main.go', ['./prog/util.go'], '/abs/prog/zz_goprofiler_agent_2.go'), [
      './prog/main.go',
      './prog/util.go',
      'prog/zz_goprofiler_agent_2.go',
    ]);
  });

  it('go-profiler run -- ./prog/main.go ./prog/util.go ARGS captures through the agent', async () => {
    await withTempDir(async (dir) => {
      await writeProgram(dir);
      const out = join(dir, 'profiles');
      const cli = runCli(['--capture', 'cpu=1s,heap', '--out', out, '--', './prog/main.go', './prog/util.go', 'one', 'two'], dir);
      try {
        await cli.waitFor(/^cpu \//m);
        await cli.waitFor(/^heap \//m);
        cli.program.child.stdin!.end('\n');
        const exit = await cli.program.exited;
        assert.equal(exit.code, 0, cli.stderr());
        assert.match(cli.stdout(), /^args \["one" "two"\]$/m);
        assert.equal(topProgramFunction(await top(savedPath(cli.stdout(), 'cpu')!)), 'main.burnInUtil');
        // A heap profile (this small program may have no sampled allocation of its own:
        // the agent's, which used to fill it, are left out of captures).
        assert.equal((await top(savedPath(cli.stdout(), 'heap')!)).sampleType.type, 'inuse_space');
      } finally {
        await cli.program.stop();
      }
    });
  });

  it('--whole-run with file arguments (the main file is replaced through the overlay too)', async () => {
    await withTempDir(async (dir) => {
      await writeProgram(dir);
      const cli = runCli(['--whole-run', '--out', join(dir, 'profiles'), '--', 'main.go', 'util.go'], join(dir, 'prog'));
      try {
        await cli.waitFor(/^files ready$/m);
        cli.program.child.stdin!.end('\n');
        const exit = await cli.program.exited;
        assert.equal(exit.code, 0, cli.stderr());
        for (const kind of ['cpu', 'heap', 'allocs']) assert.ok(savedPath(cli.stdout(), kind), `${kind} saved: ${cli.stdout()}`);
      } finally {
        await cli.program.stop();
      }
    });
  });
});
