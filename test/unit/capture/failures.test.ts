// The launcher's failures, each with a clear message and nothing lost (real Go).
import assert from 'node:assert/strict';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CaptureError, type CaptureFailure } from '../../../src/capture/errors';
import { findGo } from '../../../src/capture/find-go';
import { launchWithAgent } from '../../../src/capture/launcher';
import { saveCaptureResult, sessionContext } from '../../../src/capture/save-capture';
import { FIXTURES, withTempDir } from './helpers';

function failsWith(failure: CaptureFailure, message: RegExp) {
  return (e: unknown): boolean => {
    assert.ok(e instanceof CaptureError, String(e));
    assert.equal(e.failure, failure, e.message);
    assert.match(e.message, message);
    return true;
  };
}

describe('launcher failures (real Go)', () => {
  it('a crash during a capture ends that capture clearly and keeps the earlier one', async () => {
    await withTempDir(async (dir) => {
      const session = await launchWithAgent({ pattern: './workload', cwd: FIXTURES, stdio: 'pipe', args: ['-retain', '1'] });
      try {
        const heap = await saveCaptureResult(dir, await session.capture({ kind: 'heap' }), sessionContext(session), { source: 'agent' });
        const cpu = session.capture({ kind: 'cpu', seconds: 60 });
        session.program.child.stdin!.write('crash\n');
        await assert.rejects(cpu, failsWith('program-ended', /^cpu capture failed: workload ended during the capture \(exit code 2\)$/));
        assert.ok((await stat(heap.profilePath)).size > 0);
        await assert.rejects(session.capture({ kind: 'heap' }), failsWith('program-ended', /heap capture failed: workload ended/));
      } finally {
        await session.dispose();
      }
    });
  });

  it('a build error carries the compiler output', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'go.mod'), 'module example.com/broken\n\ngo 1.21\n');
      await writeFile(join(dir, 'main.go'), 'package main\n\nfunc main() {\n\tnotDeclared()\n}\n');
      await assert.rejects(launchWithAgent({ pattern: '.', cwd: dir }), (e: unknown) => {
        failsWith('build-failed', /^build of \. failed: .*main\.go:4:2: undefined: notDeclared$/)(e);
        assert.match((e as CaptureError).details, /undefined: notDeclared/);
        return true;
      });
    });
  });

  it('refuses a package that is not main', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'go.mod'), 'module example.com/lib\n\ngo 1.21\n');
      await mkdir(join(dir, 'lib'));
      await writeFile(join(dir, 'lib', 'lib.go'), 'package lib\n\nfunc F() {}\n');
      await assert.rejects(launchWithAgent({ pattern: './lib', cwd: dir }), failsWith('not-a-main-package', /\.\/lib is package lib, not a main package/));
    });
  });

  it('names a package that does not exist', async () => {
    await assert.rejects(launchWithAgent({ pattern: './nosuch', cwd: FIXTURES }), failsWith('go-list-failed', /go list \.\/nosuch failed: .*nosuch/));
  });

  it('says when go is missing', async () => {
    await withTempDir(async (dir) => {
      assert.throws(() => findGo({ pathVariable: dir }), failsWith('go-missing', /go not found on PATH/));
      await assert.rejects(launchWithAgent({ pattern: '.', cwd: dir, go: join(dir, 'go') }), failsWith('go-missing', /go not found at .*go \(not an executable file\)/));
    });
  });

  it('a capture asked for after the program has exited says it ended', async () => {
    const session = await launchWithAgent({ pattern: './shortrun', cwd: FIXTURES, stdio: 'pipe' });
    try {
      await session.program.exited;
      await assert.rejects(session.capture({ kind: 'heap' }), failsWith('program-ended', /shortrun (ended before its agent was ready|ended during the capture)/));
    } finally {
      await session.dispose();
    }
  });
});
