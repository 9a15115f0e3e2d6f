// The profiles folder is not trusted: sidecars of the wrong shape are refused field by field,
// and a FIFO, a device or a folder where a sidecar should be is never read (real files, a
// real FIFO made with mkfifo).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { listProfiles, saveProfile } from '../../../src/store/profile-store';
import { readRegularFile } from '../../../src/store/regular-file';
import { renameProfile } from '../../../src/store/rename-profile';
import { parseSidecar } from '../../../src/store/sidecar';

const GOOD = {
  version: 1,
  program: 'server',
  packagePath: 'example.com/s/cmd/server',
  args: ['-port', '1'],
  goVersion: 'go1.26.8',
  module: { path: 'example.com/s', root: '/src/s' },
  sourceRoot: '/src/s/cmd/server',
  capture: { kind: 'cpu', source: 'agent', seconds: 5, url: 'http://x', test: 'BenchmarkX' },
  startedAt: '2026-11-22T03:45:01.000Z',
  endedAt: '2026-11-22T03:45:06.000Z',
  savedAt: '2026-11-22T03:45:06.000Z',
  profileFile: 'server-cpu.pb.gz',
  textFile: 'server-cpu.txt',
};

/** A copy of GOOD with `path` (dotted) set to `value`. */
function withField(path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(GOOD) as Record<string, unknown>;
  const keys = path.split('.');
  let target = copy;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[keys.at(-1)!] = value;
  return copy;
}

/** Unblocks any reader still waiting on `fifo` (when the code under test read it), so the run can end. */
function releaseFifo(fifo: string): void {
  try {
    closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
  } catch {
    // no reader: nothing to release
  }
}

describe('sidecars of the wrong shape', () => {
  it('accepts a complete sidecar and keeps only the known fields', () => {
    const parsed = parseSidecar(JSON.stringify({ ...GOOD, extra: { anything: 1 } }), 's.json');
    assert.deepEqual(parsed, GOOD);
  });

  it('the issue\'s sidecar: numbers where sourceRoot and module.root should be strings', () => {
    const text = JSON.stringify({ ...GOOD, sourceRoot: 123, module: { path: 'm', root: 5 } });
    assert.throws(() => parseSidecar(text, 's.json'), /^Error: s\.json: "sourceRoot" must be a string$/);
    const moduleOnly = JSON.stringify({ ...GOOD, module: { path: 'm', root: 5 } });
    assert.throws(() => parseSidecar(moduleOnly, 's.json'), /^Error: s\.json: "module\.root" must be a string$/);
  });

  const wrong: [string, unknown, RegExp][] = [
    ['program', 7, /"program" must be a string/],
    ['packagePath', ['x'], /"packagePath" must be a string/],
    ['goVersion', false, /"goVersion" must be a string/],
    ['sourceRoot', {}, /"sourceRoot" must be a string/],
    ['module', 'example.com/s', /"module" must be an object with a path and a root/],
    ['module', ['p', 'r'], /"module" must be an object with a path and a root/],
    ['module.path', null, /"module\.path" must be a string/],
    ['args', 'one', /"args" must be a list of strings/],
    ['args', ['a', 2], /"args" must be a list of strings/],
    ['capture', 'cpu', /"capture" must have a kind and a source/],
    ['capture.kind', 1, /"capture" must have a kind and a source/],
    ['capture.source', 'elsewhere', /"capture\.source" must be one of agent, whole-run, attach, go-test, import/],
    ['capture.seconds', '5', /"capture\.seconds" must be a number of seconds/],
    ['capture.seconds', -1, /"capture\.seconds" must be a number of seconds/],
    ['capture.url', 80, /"capture\.url" must be a string/],
    ['capture.test', true, /"capture\.test" must be a string/],
    ['startedAt', 1_700_000_000, /"startedAt" must be a string/],
    ['endedAt', null, /"endedAt" must be a string/],
    ['savedAt', undefined, /"savedAt" must be a string/],
    ['profileFile', 3, /"profileFile" must be a string/],
    ['profileFile', '../../etc/passwd', /"profileFile" must be a file name in the same folder/],
    ['textFile', 'sub\\x.txt', /"textFile" must be a file name in the same folder/],
    ['textFile', '..', /"textFile" must be a file name in the same folder/],
    ['binaryFile', '/usr/bin/rm', /"binaryFile" must be a file name in the same folder/],
    ['version', '1', /unsupported version "1"/],
  ];
  for (const [path, value, message] of wrong) {
    it(`refuses ${path} = ${JSON.stringify(value)}, naming the file and the field`, () => {
      assert.throws(() => parseSidecar(JSON.stringify(withField(path, value)), '/p/x.json'), (e: unknown) => {
        assert.ok(e instanceof Error);
        assert.ok(e.message.startsWith('/p/x.json: '), e.message);
        assert.match(e.message, message);
        return true;
      });
    });
  }
  it('refuses JSON that is not an object', () => {
    for (const text of ['[]', 'null', '"x"', '3']) assert.throws(() => parseSidecar(text, 's.json'), /s\.json: expected a JSON object/);
  });
});

describe('the profiles folder holding files that are not regular', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'go-profiler-untrusted-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const profile = {
    program: 'server',
    type: 'cpu',
    profile: Uint8Array.of(0x1f, 0x8b, 1, 2),
    date: new Date('2026-11-22T03:45:01Z'),
    sidecar: { version: 1 as const, program: 'server', args: [], capture: { kind: 'cpu', source: 'agent' as const }, startedAt: 'a', endedAt: 'b' },
  };

  it('lists a profile whose sidecar is a FIFO without reading it, and says why', { timeout: 60_000 }, async () => {
    const saved = await saveProfile(dir, profile);
    await rm(saved.sidecarPath);
    execFileSync('mkfifo', [saved.sidecarPath]);
    try {
      const listed = await listProfiles(dir);
      assert.equal(listed.length, 1);
      assert.equal(listed[0]!.profilePath, saved.profilePath);
      assert.equal(listed[0]!.sidecar, undefined);
      assert.equal(listed[0]!.sidecarProblem, `${saved.sidecarPath}: a FIFO (named pipe), not a regular file; not read`);
    } finally {
      releaseFifo(saved.sidecarPath);
    }
  });

  it('a FIFO, a folder and a symbolic link to a device named like sidecars: problems, not hangs', { timeout: 60_000 }, async () => {
    const names = ['a-cpu-1', 'b-cpu-2', 'c-cpu-3'];
    for (const stem of names) await writeFile(join(dir, `${stem}.pb.gz`), Uint8Array.of(0x1f, 0x8b));
    execFileSync('mkfifo', [join(dir, 'a-cpu-1.json')]);
    await mkdir(join(dir, 'b-cpu-2.json'));
    await symlink('/dev/zero', join(dir, 'c-cpu-3.json'));
    try {
      const problems = new Map((await listProfiles(dir)).map((l) => [l.profilePath, l.sidecarProblem]));
      assert.deepEqual(problems, new Map([
        [join(dir, 'a-cpu-1.pb.gz'), `${join(dir, 'a-cpu-1.json')}: a FIFO (named pipe), not a regular file; not read`],
        [join(dir, 'b-cpu-2.pb.gz'), `${join(dir, 'b-cpu-2.json')}: a folder, not a regular file; not read`],
        [join(dir, 'c-cpu-3.pb.gz'), `${join(dir, 'c-cpu-3.json')}: a device, not a regular file; not read`],
      ]));
    } finally {
      releaseFifo(join(dir, 'a-cpu-1.json'));
    }
  });

  it('never lists a FIFO named like a profile', { timeout: 60_000 }, async () => {
    execFileSync('mkfifo', [join(dir, 'x-cpu-1.pb.gz')]);
    await writeFile(join(dir, 'x-cpu-1.json'), JSON.stringify(GOOD));
    try {
      assert.deepEqual(await listProfiles(dir), []);
    } finally {
      releaseFifo(join(dir, 'x-cpu-1.pb.gz'));
    }
  });

  it('refuses to rename a profile whose sidecar is a FIFO, and changes nothing', { timeout: 60_000 }, async () => {
    const saved = await saveProfile(dir, profile);
    await rm(saved.sidecarPath);
    execFileSync('mkfifo', [saved.sidecarPath]);
    const before = (await readdir(dir)).sort();
    try {
      await assert.rejects(renameProfile(saved.profilePath, 'renamed'), /a FIFO \(named pipe\), not a regular file/);
      assert.deepEqual((await readdir(dir)).sort(), before);
    } finally {
      releaseFifo(saved.sidecarPath);
    }
  });

  it('reads a regular file up to the limit and refuses one past it', async () => {
    const path = join(dir, 'x.json');
    await writeFile(path, 'abcdef');
    assert.equal((await readRegularFile(path, 6)).toString(), 'abcdef');
    await assert.rejects(readRegularFile(path, 5), new Error(`${path}: 6 bytes, more than the 5 allowed; not read`));
  });
});
