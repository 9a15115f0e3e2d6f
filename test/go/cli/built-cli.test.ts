/**
 * The `go-profiler` command as the build ships it: dist/cli.js (a loader) starting
 * dist/cli-main.js from its code cache, with the server clients in dist/cli-vendor.js. The other
 * CLI tests run a one-file bundle of src/cli.ts; this one checks the three files `npm run build`
 * writes work together: reports equal `go tool pprof`'s, V8 takes the build's cache, and `pull`
 * loads the vendor bundle. Needs `npm run build` first (npm test builds before every tier).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadBundle } from '../../../src/cli/code-cache';
import { repoRoot } from '../../support/go-fixtures';
import { goPprofRaw } from '../../support/go-pprof';

const dist = join(repoRoot, 'dist');
const cli = join(dist, 'cli.js');
const heap = join(repoRoot, 'test', 'fixtures', 'go-profiles', 'heap.pb.gz');
const cpu = join(repoRoot, 'test', 'fixtures', 'go-profiles', 'cpu.pb.gz');

function built(): void {
  for (const f of ['cli.js', 'cli-main.js', 'cli-main.js.cache', 'cli-vendor.js']) {
    assert.ok(existsSync(join(dist, f)), `dist/${f} is missing: run npm run build first`);
  }
}

function goProfiler(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('dist/cli.js prints what go tool pprof prints (top, tree, traces)', async () => {
  built();
  for (const [args, pprof, file] of [
    [['top', '--symbolize', 'none'], ['-top'], heap],
    [['tree', '--symbolize', 'none'], ['-tree'], cpu],
    [['traces', '--symbolize', 'none'], ['-traces'], heap],
  ] as const) {
    const ours = goProfiler([...args, file]);
    assert.equal(ours.status, 0, ours.stderr);
    assert.equal(ours.stdout, await goPprofRaw(file, pprof), `go-profiler ${args.join(' ')}`);
  }
});

test("V8 takes the build's code cache for the bundle it was made for", () => {
  built();
  const loaded = loadBundle(join(dist, 'cli-main.js'));
  assert.ok(loaded.id !== undefined, 'the bundle carries its build id');
  assert.equal(loaded.cached, true, 'dist/cli-main.js.cache was made for another build or refused by V8');
});

test('pull loads the server clients from dist/cli-vendor.js and names an unreachable server', () => {
  built();
  // Port 9 (discard): no listener here (Pyroscope's client: ECONNREFUSED); Parca's fetch refuses it as a bad port.
  for (const kind of ['--parca', '--pyroscope']) {
    const r = goProfiler(['pull', kind, 'http://127.0.0.1:9', '--list', 'types']);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /^go-profiler: (parca|pyroscope) \(http:\/\/127\.0\.0\.1:9\): unreachable \(/);
  }
});

test('a reader that stops early (| head) ends the command quietly with its own exit code', async () => {
  built();
  const large = join(repoRoot, 'test', 'fixtures', 'profiles', 'large.cpu.pb.gz');
  const child = spawn(process.execPath, [cli, 'traces', large], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  // Like `head -1`: take the first chunk, then close the pipe while the command still writes.
  child.stdout.once('data', () => child.stdout.destroy());
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  assert.equal(stderr, '');
  assert.deepEqual({ code, signal }, { code: 0, signal: null });
});
