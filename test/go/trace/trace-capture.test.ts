// Execution traces captured from real Go programs: `go-profiler run --capture trace=N` through
// the injected agent, and attach to net/http/pprof's /debug/pprof/trace; go tool trace reads both.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AttachClient, attachPath } from '../../../src/capture/attach-client';
import { parseSidecar } from '../../../src/store/sidecar';
import { readTrace } from '../../../src/trace/read';
import { traceCounts } from '../../../src/trace/summary';
import { runCli, savedLines } from '../capture/cli-child';
import { startHttpPprof, withTempDir } from '../capture/helpers';
import { parsedByGoTool } from '../../support/go-trace';

/** The trace is one go tool trace reads, with the same events as ours, and shows `fn` running. */
async function checkTrace(file: string, fn: string): Promise<void> {
  const { lines } = await parsedByGoTool(file);
  const trace = readTrace(new Uint8Array(await readFile(file)), file);
  assert.equal(traceCounts(trace).events, lines.length);
  assert.ok(trace.frames.some((f) => f.func === fn), `${fn} appears in the trace's stacks`);
}

describe('execution trace captures (real Go)', () => {
  it('go-profiler run --capture trace=1s prints "trace <path>" of a .trace file with its sidecar', async () => {
    await withTempDir(async (dir) => {
      const cli = runCli(['--capture', 'trace=1s', '--out', dir, '--', './workload', '-contend', '4']);
      try {
        await cli.waitFor(/^trace \//m);
        cli.program.child.stdin!.end();
        const exit = await cli.program.exited;
        assert.equal(exit.code, 0, cli.stderr());
        const path = savedLines(cli.stdout()).get('trace')!;
        assert.match(path, /^.*\/workload-trace-\d{8}T\d{6}Z\.trace$/);
        const sidecar = parseSidecar(await readFile(path.replace(/\.trace$/, '.json'), 'utf8'), 'sidecar');
        assert.equal(sidecar.capture.kind, 'trace');
        assert.equal(sidecar.capture.seconds, 1);
        assert.equal(sidecar.profileFile, path.slice(path.lastIndexOf('/') + 1));
        await checkTrace(path, 'main.contendLock');
      } finally {
        await cli.program.stop();
      }
    });
  });

  it('attach: /debug/pprof/trace?seconds=1 of a service', async () => {
    assert.equal(attachPath('trace', 1.5), '/trace?seconds=2', 'net/http/pprof takes whole seconds');
    const dir = await mkdtemp(join(tmpdir(), 'go-profiler-attach-trace-'));
    const { url, service } = await startHttpPprof(dir);
    try {
      const result = await new AttachClient(url).capture({ kind: 'trace', seconds: 1 });
      assert.equal(result.seconds, 1);
      const file = join(dir, 'attach.trace');
      await writeFile(file, result.profile);
      await checkTrace(file, 'main.contendLock');
    } finally {
      await service.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
