// The golden store of go tool pprof outputs, with a stand-in for the tool (pure: no Go).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, describe, it } from 'node:test';
import { pprofThroughGoldens, type PprofResult } from '../../support/pprof-golden';
import type { OracleMode } from '../../support/oracle-mode';

const dir = mkdtempSync(join(tmpdir(), 'pprof-golden-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const toolVersion = () => Promise.resolve('go1.test');

function profileFile(name: string, body: string, gzip = false): string {
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, gzip ? gzipSync(body) : body);
  return path;
}

/** pprof stand-in: prints its flags and the file, or fails naming the file. */
function tool(file: string, flags: readonly string[], status = 0): () => Promise<PprofResult> {
  return () => Promise.resolve(status === 0 ? { status, stdout: `report of ${file} ${flags.join(' ')}\n`, stderr: '' } : { status, stdout: '', stderr: `${file}: bad sample index\n`, message: 'live failure' });
}

function through(mode: OracleMode, root: string, file: string, flags: readonly string[], live: () => Promise<PprofResult>): Promise<PprofResult> {
  return pprofThroughGoldens(file, flags, live, { root, mode, toolVersion });
}

describe('pprof goldens', () => {
  it('update stores a run; golden gives it back for the same content under the same name in another folder', async () => {
    const root = join(dir, 'store-1');
    const file = profileFile('a.pb.gz', 'profile A', true);
    const written = await through('update', root, file, ['-top'], tool(file, ['-top']));
    assert.equal(written.stdout, `report of ${file} -top\n`);
    const [folder] = readdirSync(root);
    assert.equal(folder, 'a');
    const stored = readFileSync(join(root, 'a', readdirSync(join(root, 'a'))[0]!), 'utf8');
    assert.match(stored, /^go tool pprof -top \$INPUT0\ninputs: \$INPUT0=a@[0-9a-f]{12}\ngo: go1\.test\nexit: 0\n----\nreport of \$INPUT0 -top\n$/);
    const moved = profileFile('elsewhere/a.pb.gz', 'profile A', true);
    const back = await through('golden', root, moved, ['-top'], () => assert.fail('golden mode ran the tool'));
    assert.equal(back.stdout, `report of ${moved} -top\n`);
  });

  it('a missing golden fails in golden mode with the command that makes it; other content or flags miss', async () => {
    const root = join(dir, 'store-2');
    const file = profileFile('b.pb', 'profile B');
    await through('update', root, file, ['-top'], tool(file, ['-top']));
    const other = profileFile('b2.pb', 'profile B, changed');
    await assert.rejects(through('golden', root, other, ['-top'], tool(other, ['-top'])), /no stored output of `go tool pprof -top \$INPUT0`.*node scripts\/test-fidelity\.mjs --update/);
    await assert.rejects(through('golden', root, file, ['-traces'], tool(file, ['-traces'])), /no stored output/);
  });

  it('keys files named by flags by content and stores failures with their stderr', async () => {
    const root = join(dir, 'store-3');
    const file = profileFile('c.pb', 'profile C');
    const base = profileFile('base.pb', 'profile base');
    const flags = ['-top', `-base=${base}`];
    await through('update', root, file, flags, tool(file, flags, 1));
    const failed = await through('golden', root, file, flags, () => assert.fail('golden mode ran the tool'));
    assert.equal(failed.status, 1);
    assert.equal(failed.stderr, `${file}: bad sample index\n`);
    assert.match(failed.message ?? '', /^`go tool pprof -top -base=.*\/base\.pb .*\/c\.pb` exited with status 1 \(stored in .*\):\n.*c\.pb: bad sample index$/);
    writeFileSync(base, 'profile base, changed');
    await assert.rejects(through('golden', root, file, flags, tool(file, flags)), /no stored output/);
  });

  it('live mode runs the tool even where a golden is stored; auto mode takes the golden', async () => {
    const root = join(dir, 'store-4');
    const file = profileFile('d.pb', 'profile D');
    await through('update', root, file, ['-top'], tool(file, ['-top']));
    // pprof orders ties differently from run to run: a live run is the tool's, not compared with the golden.
    const reordered = () => Promise.resolve({ status: 0, stdout: 'the same rows, tied ones in another order\n', stderr: '' });
    assert.equal((await through('live', root, file, ['-top'], reordered)).stdout, 'the same rows, tied ones in another order\n');
    assert.equal((await through('auto', root, file, ['-top'], () => assert.fail('auto ran the tool despite a golden'))).stdout, `report of ${file} -top\n`);
    const other = profileFile('d2.pb', 'profile D2');
    assert.equal((await through('auto', root, other, ['-top'], tool(other, ['-top']))).stdout, `report of ${other} -top\n`);
  });

  it('stores a large output gzipped and reads it back', async () => {
    const root = join(dir, 'store-6');
    const file = profileFile('f.pb', 'profile F');
    const big = `${'row\n'.repeat(100_000)}`;
    await through('update', root, file, ['-traces'], () => Promise.resolve({ status: 0, stdout: big, stderr: '' }));
    assert.match(readdirSync(join(root, 'f'))[0]!, /^[0-9a-f]{16}\.txt\.gz$/);
    assert.equal((await through('golden', root, file, ['-traces'], () => assert.fail('golden mode ran the tool'))).stdout, big);
  });

  it('the pure tier refuses to run pprof at all', async () => {
    const file = profileFile('e.pb', 'profile E');
    await assert.rejects(through('none', join(dir, 'store-5'), file, ['-top'], tool(file, ['-top'])), /test\/unit is the pure tier/);
  });
});
