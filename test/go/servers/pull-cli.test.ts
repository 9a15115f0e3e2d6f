/**
 * `go-profiler pull` (the bundled command) against the Pyroscope test server built on
 * Pyroscope's official generated API: the written file equals `go tool pprof -proto`'s merge
 * of the same stored profiles (compared by `go tool pprof -top`), listings, and the exit
 * codes and one-line messages of bad input, authentication failure and an empty range.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { bundleCli } from '../../support/cli-bundle';
import { goPprofTop } from '../../support/go-pprof';
import { expectedFiles, goPprofMerge, pyroscopeData, startPyroscope, type PyroscopeData, type RunningServer } from '../../support/pyroscope-server';

const scratch = mkdtempSync(join(tmpdir(), 'pull-cli-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(script: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Result> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const CPU = 'process_cpu:cpu:nanoseconds:cpu:nanoseconds';

describe('go-profiler pull', { timeout: 900_000 }, () => {
  let script: string;
  let data: PyroscopeData;
  let server: RunningServer;
  before(async () => {
    [script, data] = await Promise.all([bundleCli(), pyroscopeData()]);
    server = await startPyroscope(['-token', 's3cret']);
  });
  after(() => server?.stop());

  const pull = (extra: readonly string[], env: NodeJS.ProcessEnv = { GO_PROFILER_TOKEN: 's3cret' }) =>
    cli(script, ['pull', '--pyroscope', server.url, ...extra], env);

  it('writes the merged profile that go tool pprof -proto makes of the same profiles', async () => {
    const out = join(scratch, 'checkout-v1.pb.gz');
    const r = await pull([
      '--query', '{service_name="checkout", version="v1"}', '--type', CPU,
      '--from', '2026-12-01T10:00:00Z', '--to', '2026-12-01T11:00:00Z', '--out', out,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /wrote .*checkout-v1\.pb\.gz: \d+ samples merged/);
    const range = { fromMs: Date.parse('2026-12-01T10:00:00Z'), toMs: Date.parse('2026-12-01T11:00:00Z') };
    const files = expectedFiles(data, 'process_cpu', (l) => l.service_name === 'checkout' && l.version === 'v1', range);
    assert.equal(files.length, 4);
    const merged = join(scratch, 'pprof-merge.pb.gz');
    await goPprofMerge(files, merged);
    const ours = await goPprofTop(out);
    const theirs = await goPprofTop(merged, { sampleIndex: 'cpu' });
    assert.ok(theirs.total > 0);
    assert.equal(ours.total, theirs.total);
    assert.deepEqual(ours.rows, theirs.rows);
  });

  it('pulls from Parca with the type in front of the query', async () => {
    const out = join(scratch, 'payments.pb.gz');
    const r = await cli(script, [
      'pull', '--parca', server.url, '--query', `${CPU}:delta{service_name="payments"}`,
      '--from', '2026-12-01T09:00:00Z', '--to', '2026-12-01T12:00:00Z', '--out', out,
    ], { GO_PROFILER_TOKEN: 's3cret' });
    assert.equal(r.code, 0, r.stderr);
    const range = { fromMs: Date.parse('2026-12-01T09:00:00Z'), toMs: Date.parse('2026-12-01T12:00:00Z') };
    const files = expectedFiles(data, 'process_cpu', (l) => l.service_name === 'payments', range);
    assert.equal(files.length, 2);
    const merged = join(scratch, 'payments-merge.pb.gz');
    await goPprofMerge(files, merged);
    const [ours, theirs] = [await goPprofTop(out), await goPprofTop(merged, { sampleIndex: 'cpu' })];
    assert.ok(theirs.total > 0);
    assert.deepEqual(ours.rows, theirs.rows);
  });

  it('lists services, types and label values', async () => {
    const span = ['--from', '2026-12-01T09:00:00Z', '--to', '2026-12-01T12:00:00Z'];
    const services = await pull(['--list', 'services', ...span]);
    assert.equal(services.code, 0, services.stderr);
    assert.equal(services.stdout, 'checkout\npayments\n');
    const types = await pull(['--list', 'types', ...span]);
    assert.match(types.stdout, /^process_cpu:cpu:nanoseconds:cpu:nanoseconds\tCPU$/m);
    const regions = await pull(['--list', 'region', '--query', '{service_name="payments"}', ...span]);
    assert.equal(regions.stdout, 'eu\n');
  });

  it('takes relative times and says when the range is empty (exit 1)', async () => {
    const r = await pull(['--query', '{service_name="checkout"}', '--type', CPU, '--from', '-15m', '--to', 'now', '--out', join(scratch, 'none.pb.gz')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^go-profiler: pyroscope \(http:\/\/127\.0\.0\.1:\d+\): no process_cpu:cpu:nanoseconds:cpu:nanoseconds profiles for checkout between .+\n$/);
  });

  it('says when authentication fails (exit 1), without the token', async () => {
    const r = await pull(['--query', '{}', '--type', CPU, '--out', join(scratch, 'x.pb.gz'), '--token', 'wrong-token'], {});
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^go-profiler: pyroscope \(.*\): authentication failed \(401.*\n$/);
    assert.ok(!r.stderr.includes('wrong-token'));
  });

  it('exits 2 with one line on bad input', async () => {
    for (const [args, message] of [
      [['--query', 'service_name=checkout', '--type', CPU, '--out', 'x'], /--query must be a label selector in braces/],
      [['--query', '{}', '--type', 'cpu', '--out', 'x'], /--type "cpu" is not a profile type ID/],
      [['--query', '{}', '--type', CPU, '--from', 'yesterday', '--out', 'x'], /--from "yesterday" is not a time/],
      [['--query', '{}', '--type', CPU], /give --out FILE/],
    ] as const) {
      const r = await pull(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1);
    }
  });
});
