/**
 * `go-profiler disasm` on a real CPU profile of a real Go program, with the binary that
 * `go-profiler run` kept beside the capture, against `go tool pprof -disasm` run here; and
 * the kept binary removed with the last capture naming it.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { runCliMain as goProfiler } from '../../support/cli-main';
import { parseSidecar } from '../../../src/store/sidecar';
import { deleteCapture } from '../../../src/store/kept-binary';
import { goPprofRaw } from '../../support/go-pprof';
import { runCli, savedLines } from '../capture/cli-child';
import { withTempDir } from '../capture/helpers';

/** "address flat cum" of every instruction row of a -disasm report (values as printed). */
function disasmRows(text: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^\s*(\S+)\s+(\S+)\s+([0-9a-f]+): /.exec(line);
    if (m) rows.set(m[3]!, `${m[1]!} ${m[2]!}`);
  }
  return rows;
}

async function runAndSave(dir: string, captures: string): Promise<Map<string, string>> {
  const cli = runCli(['--capture', captures, '--out', dir, '--', './workload', '-burn']);
  try {
    await cli.waitFor(/^cpu \//m);
    cli.program.child.stdin!.end();
    await cli.program.exited;
    return savedLines(cli.stdout());
  } finally {
    await cli.program.stop();
  }
}

describe('disasm with the binary kept by go-profiler run (real Go, real pprof)', () => {
  it('every instruction address has pprof -disasm\'s flat/cum; deleting the captures removes the binary', async () => {
    await withTempDir(async (dir) => {
      const saved = await runAndSave(dir, 'heap,cpu=1s');
      const cpu = saved.get('cpu')!;
      const sidecar = parseSidecar(readFileSync(cpu.replace(/\.pb\.gz$/, '.json'), 'utf8'), cpu);
      assert.ok(sidecar.binaryFile, 'the sidecar names the kept binary');
      const binary = join(dirname(cpu), sidecar.binaryFile);
      assert.ok(existsSync(binary), binary);

      for (const regex of ['main\\.burnCPU', 'main\\.']) {
        const ours = await goProfiler(['disasm', regex, cpu, '--binary', binary]);
        assert.equal(ours.code, 0, ours.err);
        const theirs = await goPprofRaw(cpu, [`-disasm=${regex}`, binary]);
        const routines = (t: string): string[] => t.split('\n').filter((l) => /^(Total:|ROUTINE|\s+\S+\s+\S+ \(flat, cum\))/.test(l));
        assert.deepEqual(routines(ours.out), routines(theirs), 'same totals and routines');
        const mine = disasmRows(ours.out);
        const pprof = disasmRows(theirs);
        assert.ok([...mine.values()].some((v) => v !== '. .'), 'some instruction has samples');
        for (const [address, values] of mine) assert.equal(values, pprof.get(address), `${regex} at ${address}`);
        for (const [address, values] of pprof) if (values !== '. .') assert.equal(mine.get(address), values, `${regex} at ${address}`);
      }

      // The heap capture of the same session names the same binary: it stays until both go.
      const heap = saved.get('heap')!;
      assert.equal(parseSidecar(readFileSync(heap.replace(/\.pb\.gz$/, '.json'), 'utf8'), heap).binaryFile, sidecar.binaryFile);
      await deleteCapture(cpu);
      assert.ok(existsSync(binary), 'still named by the heap capture');
      await deleteCapture(heap);
      assert.equal(existsSync(binary), false, `${basename(binary)} removed with its last capture`);
      assert.equal(existsSync(cpu) || existsSync(heap), false);
    });
  });

  it('bad input: no --binary, a missing binary', async () => {
    await withTempDir(async (dir) => {
      const cpu = join(dir, 'none.pb.gz');
      const noBinary = await goProfiler(['disasm', 'main', cpu]);
      assert.equal(noBinary.code, 2);
      assert.match(noBinary.err, /--binary BIN/);
      const missing = await goProfiler(['disasm', 'main', cpu, '--binary', join(dir, 'nope')]);
      assert.equal(missing.code, 2);
      assert.match(missing.err, /nope: no such file/);
    });
  });
});
