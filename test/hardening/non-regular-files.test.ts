// go-profiler reads only regular files: a device that never ends (/dev/zero grew to 12-17 GB
// before) and a named pipe with no writer (which hung) are refused at once with exit 2 and one
// line naming the file and what it is. The CLI runs under `ulimit -v` (2 GB of address space),
// so without the guard /dev/zero ends the child (allocation failure) instead of the machine's
// memory; the child's timeout only stops a hang.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { ProfileError } from '../../src/pprof/errors';
import { readProfileBytes, readProfileBytesSync } from '../../src/pprof/read-file-node';
import { bundleCli } from '../support/cli-bundle';
import { repoRoot } from '../support/go-fixtures';

const scratch = mkdtempSync(join(tmpdir(), 'go-profiler-non-regular-'));
process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));
const fifo = join(scratch, 'profile.pb.gz');
const large = join(repoRoot, 'test', 'fixtures', 'profiles', 'large.cpu.pb.gz');
let cli: string;

before(async () => {
  cli = await bundleCli();
  execFileSync('mkfifo', [fifo]);
});

/** Runs the CLI with its address space limited; a hang is stopped after 60 s (and fails the test). */
function limitedGoProfiler(args: readonly string[]): Promise<{ code: number | string | null; stderr: string }> {
  return new Promise((resolve) => {
    const script = 'ulimit -v 2000000 && exec "$0" "$@"';
    execFile('sh', ['-c', script, process.execPath, cli, ...args], { timeout: 60_000 }, (error, _stdout, stderr) => {
      resolve({ code: error ? (error.code ?? error.signal ?? null) : 0, stderr });
    });
  });
}

const cases: readonly { file: () => string; kind: string; args?: (file: string) => string[] }[] = [
  { file: () => '/dev/zero', kind: 'a character device' },
  { file: () => fifo, kind: 'a named pipe (FIFO)' },
  { file: () => scratch, kind: 'a folder' },
  { file: () => '/dev/zero', kind: 'a character device', args: (file) => ['top', large, '--base', file] },
  { file: () => fifo, kind: 'a named pipe (FIFO)', args: (file) => ['tree', file] },
];

for (const c of cases) {
  test(`go-profiler ${c.args ? c.args('FILE').join(' ') : 'top FILE'} with ${c.kind} as FILE: exit 2, one line`, async () => {
    const file = c.file();
    const r = await limitedGoProfiler(c.args ? c.args(file) : ['top', file]);
    assert.equal(r.stderr, `go-profiler: ${file}: cannot read the file: it is ${c.kind}, not a regular file\n`);
    assert.equal(r.code, 2);
  });
}

test('readProfileBytes (the extension\'s reader) and readProfileBytesSync (the CLI\'s) still read regular files, and refuse a folder', async () => {
  // Devices and pipes are tried in the child processes above only: without the guard, reading
  // /dev/zero here would take this process's memory without limit and a pipe would never return.
  await assert.rejects(readProfileBytes(scratch), (e: unknown) => e instanceof ProfileError && e.message === `${scratch}: cannot read the file: it is a folder, not a regular file`);
  assert.ok((await readProfileBytes(large)).length > 1_000_000);
  assert.throws(() => readProfileBytesSync(scratch), (e: unknown) => e instanceof ProfileError && e.message === `${scratch}: cannot read the file: it is a folder, not a regular file`);
  assert.throws(() => readProfileBytesSync(join(scratch, 'missing.pb.gz')), (e: unknown) => e instanceof ProfileError && e.message.endsWith(': cannot read the file: no such file'));
  assert.deepEqual(readProfileBytesSync(large), await readProfileBytes(large));
});
