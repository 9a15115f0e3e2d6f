// Attach to a real Go service that serves net/http/pprof itself.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AttachClient, attachPath, pprofBaseUrl } from '../../../src/capture/attach-client';
import type { CaptureKind } from '../../../src/capture/capture-kinds';
import { CaptureError } from '../../../src/capture/errors';
import type { RunningProgram } from '../../../src/capture/process';
import { row, startHttpPprof, top, topProgramFunction } from './helpers';

describe('attach URL helpers', () => {
  it('normalises what a user types to the pprof index', () => {
    assert.equal(pprofBaseUrl('127.0.0.1:6060'), 'http://127.0.0.1:6060/debug/pprof');
    assert.equal(pprofBaseUrl('http://h:1/'), 'http://h:1/debug/pprof');
    assert.equal(pprofBaseUrl('https://h/admin/debug/pprof/?x=1'), 'https://h/admin/debug/pprof');
    assert.throws(() => pprofBaseUrl('ftp://h/'), /only http and https/);
    assert.throws(() => pprofBaseUrl('http://'), /not a URL/);
  });
  it('asks net/http/pprof for whole seconds and delta profiles', () => {
    assert.equal(attachPath('cpu', 0.5), '/profile?seconds=1');
    assert.equal(attachPath('mutex', 2), '/mutex?seconds=2');
    assert.equal(attachPath('heap', 0), '/heap?gc=1');
    assert.equal(attachPath('heap-nogc', 0), '/heap');
    assert.equal(attachPath('goroutine', 0), '/goroutine');
  });
});

describe('attach to net/http/pprof (real Go)', () => {
  let dir: string;
  let service: RunningProgram;
  let client: AttachClient;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'go-profiler-attach-'));
    let url: string;
    ({ url, service } = await startHttpPprof(dir));
    client = new AttachClient(url);
  });

  after(async () => {
    await service.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('captures every type; CPU and mutex show the service\'s work', async () => {
    const kinds: CaptureKind[] = ['cpu', 'heap', 'heap-nogc', 'allocs', 'goroutine', 'block', 'mutex', 'threadcreate'];
    const results = await Promise.all(kinds.map((kind) => client.capture({ kind, seconds: 1 })));
    const paths = new Map<CaptureKind, string>();
    for (const r of results) {
      const path = join(dir, `${r.kind}.pb.gz`);
      await writeFile(path, r.profile);
      paths.set(r.kind, path);
    }
    assert.equal(topProgramFunction(await top(paths.get('cpu')!)), 'main.burnCPU');
    assert.ok((row(await top(paths.get('mutex')!), 'main.contendLock')?.cum ?? 0) > 0);
    assert.ok((row(await top(paths.get('block')!), 'main.contendLock')?.cum ?? 0) > 0);
    assert.ok((await top(paths.get('goroutine')!)).total > 0);
    assert.match(results.find((r) => r.kind === 'goroutine')!.text ?? '', /main\.contendLock/);
    for (const kind of ['heap', 'heap-nogc', 'allocs', 'threadcreate'] as const) assert.ok((await top(paths.get(kind)!)).sampleType.type.length > 0);
  });

  it('names the URL when nothing answers there', async () => {
    const nowhere = new AttachClient('http://127.0.0.1:1/debug/pprof');
    await assert.rejects(nowhere.capture({ kind: 'heap' }), (e: unknown) => {
      assert.ok(e instanceof CaptureError);
      assert.equal(e.failure, 'unreachable');
      assert.match(e.message, /cannot reach http:\/\/127\.0\.0\.1:1\/debug\/pprof\/heap\?gc=1/);
      return true;
    });
  });
});
