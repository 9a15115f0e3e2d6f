/**
 * Standard-library files from another Go release: the profile's release's copy from the module
 * cache is preferred, else this GOROOT's file is opened and marked as a mismatch. Real files in
 * a temp folder, asked through the same questions the editor asks.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { normalizePath, resolveSourcePath, type SourceContext } from '../../../src/analysis/source-paths';
import { goVersionInPath, parseGoVersion } from '../../../src/analysis/source-version';
import { nodeSourceFileSystem as fs } from '../../support/node-source-fs';

let root = '';
let ctx: SourceContext;
const toolchain = (name: string, rel: string): string => `${root}/mod/golang.org/toolchain@v0.0.1-${name}/src/${rel}`;

function touch(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, 'package x\n');
}

before(() => {
  root = normalizePath(mkdtempSync(join(tmpdir(), 'gp-release-')));
  touch(`${root}/goroot/src/runtime/proc.go`);
  touch(`${root}/goroot/src/net/http/server.go`);
  touch(`${root}/ws/main.go`);
  touch(toolchain('go1.22.3.linux-amd64', 'runtime/proc.go'));
  touch(toolchain('go1.22.5.darwin-arm64', 'runtime/proc.go'));
  touch(toolchain('go1.22.1.linux-amd64', 'runtime/proc.go'));
  // A toolchain copy without the file asked for does not count.
  touch(toolchain('go1.23.0.linux-amd64', 'runtime/proc.go'));
  // Not toolchain folders.
  mkdirSync(`${root}/mod/golang.org/x/tools@v0.1.0/src/runtime`, { recursive: true });
  ctx = {
    modules: [{ path: 'example.com/ws', root: `${root}/ws` }],
    goroot: `${root}/goroot`,
    gomodcache: `${root}/mod`,
    goVersion: 'go1.26.8',
  };
});
after(() => rmSync(root, { recursive: true, force: true }));

const withSidecar = (goVersion: string): SourceContext => ({ ...ctx, sidecar: { goVersion } });

describe('Go release of standard-library sources', () => {
  it('reads releases from go version strings and GOROOT folder names', () => {
    assert.deepEqual(parseGoVersion('go1.26.8'), { minor: 26, patch: 8 });
    assert.deepEqual(parseGoVersion('go version go1.19 linux/amd64'), { minor: 19 });
    assert.deepEqual(parseGoVersion('devel go1.27-4f2c1a Tue'), { minor: 27 });
    assert.equal(parseGoVersion('unknown'), undefined);
    assert.equal(parseGoVersion('cargo1.2'), undefined);
    assert.deepEqual(goVersionInPath('/usr/local/go1.19/src/runtime/proc.go'), { minor: 19 });
    assert.deepEqual(goVersionInPath('/home/a/sdk/go1.21.13/src/runtime/proc.go'), { minor: 21, patch: 13 });
    assert.deepEqual(goVersionInPath('/m/golang.org/toolchain@v0.0.1-go1.22.3.linux-amd64/src/os/file.go'), { minor: 22, patch: 3 });
    assert.equal(goVersionInPath('/nonexistent/build/go/src/runtime/proc.go'), undefined);
    assert.equal(goVersionInPath('runtime/proc.go'), undefined);
  });

  it('opens the exact release from the module cache when the sidecar names it', async () => {
    // The profile's GOROOT path exists here but holds another release (Go upgraded in place).
    const r = await resolveSourcePath(`${root}/goroot/src/runtime/proc.go`, withSidecar('go1.22.3'), fs, 'runtime.main');
    assert.deepEqual(r, { kind: 'resolved', path: toolchain('go1.22.3.linux-amd64', 'runtime/proc.go'), rule: 'release', readOnly: true });
    // -trimpath names the file without GOROOT.
    const t = await resolveSourcePath('runtime/proc.go', withSidecar('go1.22.3'), fs);
    assert.deepEqual(t, { kind: 'resolved', path: toolchain('go1.22.3.linux-amd64', 'runtime/proc.go'), rule: 'release', readOnly: true });
  });

  it('falls back to the newest patch of the same minor, and says which it shows', async () => {
    const r = await resolveSourcePath('/nonexistent/build/go/src/runtime/proc.go', withSidecar('go1.22.4'), fs);
    assert.deepEqual(r, {
      kind: 'resolved',
      path: toolchain('go1.22.5.darwin-arm64', 'runtime/proc.go'),
      rule: 'release',
      readOnly: true,
      mismatch: { profile: { minor: 22, patch: 4 }, shown: { minor: 22, patch: 5 } },
    });
  });

  it('without a copy of that release, opens GOROOT and marks the mismatch (release guessed from the path)', async () => {
    const r = await resolveSourcePath('/nonexistent/build/go1.19/src/runtime/proc.go', ctx, fs, 'runtime.main');
    assert.deepEqual(r, {
      kind: 'resolved',
      path: `${root}/goroot/src/runtime/proc.go`,
      rule: 'goroot',
      readOnly: true,
      mismatch: { profile: { minor: 19 }, shown: { minor: 26, patch: 8 } },
    });
    // Go 1.23 is in the cache, but not this file.
    const s = await resolveSourcePath('/nonexistent/build/go/src/net/http/server.go', withSidecar('go1.23.0'), fs);
    assert.deepEqual(s, {
      kind: 'resolved',
      path: `${root}/goroot/src/net/http/server.go`,
      rule: 'goroot',
      readOnly: true,
      mismatch: { profile: { minor: 23, patch: 0 }, shown: { minor: 26, patch: 8 } },
    });
  });

  it('changes nothing when the releases agree, are unknown, or the file is not the standard library', async () => {
    const same = await resolveSourcePath('/nonexistent/build/go/src/runtime/proc.go', withSidecar('go1.26.8'), fs);
    assert.deepEqual(same, { kind: 'resolved', path: `${root}/goroot/src/runtime/proc.go`, rule: 'goroot', readOnly: true });
    const unknown = await resolveSourcePath('/nonexistent/build/go/src/runtime/proc.go', ctx, fs);
    assert.deepEqual(unknown, { kind: 'resolved', path: `${root}/goroot/src/runtime/proc.go`, rule: 'goroot', readOnly: true });
    const noLocal = await resolveSourcePath('/nonexistent/build/go1.19/src/runtime/proc.go', { ...ctx, goVersion: undefined }, fs);
    assert.deepEqual(noLocal, { kind: 'resolved', path: `${root}/goroot/src/runtime/proc.go`, rule: 'goroot', readOnly: true });
    const user = await resolveSourcePath('example.com/ws/main.go', withSidecar('go1.19'), fs);
    assert.deepEqual(user, { kind: 'resolved', path: `${root}/ws/main.go`, rule: 'trimpath', readOnly: false });
  });
});
