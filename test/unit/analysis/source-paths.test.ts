/** Source path mapping rules on realistic path sets (the real example profile: test/go/analysis/source-paths-goroot.test.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  escapeModulePath,
  packageOfFunction,
  resolveSourcePath,
  SourceResolver,
  type Resolution,
  type SourceContext,
  type SourceFileSystem,
} from '../../../src/analysis/source-paths';

/** A file system holding exactly `files`; counts the questions asked. */
function fakeFs(files: readonly string[]): SourceFileSystem & { asked: number } {
  const set = new Set(files);
  const fs = {
    asked: 0,
    exists(path: string): Promise<boolean> {
      fs.asked++;
      return Promise.resolve(set.has(path));
    },
    findByName(base: string): Promise<readonly string[]> {
      fs.asked++;
      return Promise.resolve(files.filter((f) => f.endsWith('/' + base)));
    },
    list(): Promise<readonly string[]> {
      return Promise.resolve([]);
    },
  };
  return fs;
}

const WS = '/work/ws/shop';
const shopFiles = [
  `${WS}/go.mod`,
  `${WS}/cmd/shop/main.go`,
  `${WS}/internal/cart/cart.go`,
  `${WS}/tools/gen/gen.go`,
  '/opt/go/src/runtime/proc.go',
  '/opt/go/src/net/http/server.go',
  '/root/go/pkg/mod/github.com/!burnt!sushi/toml@v1.3.2/decode.go',
  '/root/go/pkg/mod/golang.org/x/sync@v0.7.0/errgroup/errgroup.go',
];
const shop: SourceContext = {
  modules: [
    { path: 'example.com/shop', root: WS },
    { path: 'example.com/shop/tools', root: `${WS}/tools` },
  ],
  goroot: '/opt/go',
  gomodcache: '/root/go/pkg/mod',
};

function expectResolved(r: Resolution, path: string, rule: string, readOnly = false): void {
  assert.deepEqual(r, { kind: 'resolved', path, rule, readOnly });
}

describe('source path mapping', () => {
  it('a colleague profile captured under /home/alice/src/shop maps onto the workspace module', async () => {
    const fs = fakeFs(shopFiles);
    expectResolved(
      await resolveSourcePath('/home/alice/src/shop/internal/cart/cart.go', shop, fs, 'example.com/shop/internal/cart.(*Cart).Add'),
      `${WS}/internal/cart/cart.go`,
      'module',
    );
    // main packages are named "main" in symbols: the module's folder name in the path decides.
    expectResolved(await resolveSourcePath('/home/alice/src/shop/cmd/shop/main.go', shop, fs, 'main.main'), `${WS}/cmd/shop/main.go`, 'module');
    // Nested module: the longest module path wins.
    expectResolved(
      await resolveSourcePath('/home/alice/src/shop/tools/gen/gen.go', shop, fs, 'example.com/shop/tools/gen.Run[...]'),
      `${WS}/tools/gen/gen.go`,
      'module',
    );
    // A Windows colleague.
    expectResolved(await resolveSourcePath('C:\\Users\\bob\\src\\shop\\internal\\cart\\cart.go', shop, fs), `${WS}/internal/cart/cart.go`, 'module');
  });

  it('an existing path is taken as is', async () => {
    const fs = fakeFs(shopFiles);
    expectResolved(await resolveSourcePath(`${WS}/internal/cart/cart.go`, shop, fs), `${WS}/internal/cart/cart.go`, 'exact');
    expectResolved(await resolveSourcePath('/opt/go/src/runtime/proc.go', shop, fs), '/opt/go/src/runtime/proc.go', 'exact', true);
  });

  it('the sidecar source root of a moved workspace comes before other rules', async () => {
    const ctx: SourceContext = { ...shop, sidecar: { sourceRoot: '/old/place/shop/cmd/shop', module: { path: 'example.com/shop', root: '/old/place/shop' } } };
    expectResolved(await resolveSourcePath('/old/place/shop/cmd/shop/main.go', ctx, fakeFs(shopFiles)), `${WS}/cmd/shop/main.go`, 'sidecar');
    expectResolved(await resolveSourcePath('/old/place/shop/internal/cart/cart.go', ctx, fakeFs(shopFiles)), `${WS}/internal/cart/cart.go`, 'sidecar');
  });

  it('GOROOT and module-cache frames of another machine open the local copies read-only', async () => {
    const fs = fakeFs(shopFiles);
    expectResolved(await resolveSourcePath('/usr/local/go/src/runtime/proc.go', shop, fs, 'runtime.main'), '/opt/go/src/runtime/proc.go', 'goroot', true);
    expectResolved(
      await resolveSourcePath('/home/alice/sdk/go1.26.0/src/net/http/server.go', shop, fs),
      '/opt/go/src/net/http/server.go',
      'goroot',
      true,
    );
    expectResolved(
      await resolveSourcePath('/home/alice/go/pkg/mod/github.com/!burnt!sushi/toml@v1.3.2/decode.go', shop, fs),
      '/root/go/pkg/mod/github.com/!burnt!sushi/toml@v1.3.2/decode.go',
      'modcache',
      true,
    );
  });

  it('-trimpath frames: main module, standard library, dependencies (with case escaping)', async () => {
    const fs = fakeFs(shopFiles);
    expectResolved(await resolveSourcePath('example.com/shop/internal/cart/cart.go', shop, fs), `${WS}/internal/cart/cart.go`, 'trimpath');
    expectResolved(await resolveSourcePath('example.com/shop/tools/gen/gen.go', shop, fs), `${WS}/tools/gen/gen.go`, 'trimpath');
    expectResolved(await resolveSourcePath('runtime/proc.go', shop, fs), '/opt/go/src/runtime/proc.go', 'trimpath', true);
    expectResolved(
      await resolveSourcePath('github.com/BurntSushi/toml@v1.3.2/decode.go', shop, fs),
      '/root/go/pkg/mod/github.com/!burnt!sushi/toml@v1.3.2/decode.go',
      'trimpath',
      true,
    );
    expectResolved(
      await resolveSourcePath('golang.org/x/sync@v0.7.0/errgroup/errgroup.go', shop, fs),
      '/root/go/pkg/mod/golang.org/x/sync@v0.7.0/errgroup/errgroup.go',
      'trimpath',
      true,
    );
  });

  it('the longest path suffix decides; equal ones are ambiguous until the user picks', async () => {
    const files = ['/work/ws/a/util/strings.go', '/work/ws/b/util/strings.go', '/work/ws/b/pkg/fmt/util/strings.go', '/work/ws/c/strings.go'];
    const ctx: SourceContext = { modules: [] };
    // GOPATH-style build path: three elements shared with one file only.
    expectResolved(
      await resolveSourcePath('/go/src/pkg/fmt/util/strings.go', ctx, fakeFs(files)),
      '/work/ws/b/pkg/fmt/util/strings.go',
      'suffix',
    );
    const ambiguous = await resolveSourcePath('/srv/build/util/strings.go', ctx, fakeFs(files.slice(0, 2)));
    assert.deepEqual(ambiguous, { kind: 'ambiguous', rule: 'suffix', candidates: ['/work/ws/a/util/strings.go', '/work/ws/b/util/strings.go'] });
    const resolver = new SourceResolver(ctx, fakeFs(files.slice(0, 2)));
    assert.equal((await resolver.resolve('/srv/build/util/strings.go')).kind, 'ambiguous');
    resolver.choose('/srv/build/util/strings.go', '/work/ws/b/util/strings.go');
    expectResolved(await resolver.resolve('/srv/build/util/strings.go'), '/work/ws/b/util/strings.go', 'chosen');
    // A file name alone is not enough.
    const alone = await resolveSourcePath('/srv/build/strings.go', ctx, fakeFs(files));
    assert.equal(alone.kind, 'unresolved');
  });

  it('an unresolvable file says why; the resolver asks the file system once per file', async () => {
    const fs = fakeFs(shopFiles);
    const resolver = new SourceResolver(shop, fs);
    const r = await resolver.resolve('/build/other/thing.go');
    assert.equal(r.kind, 'unresolved');
    assert.match(r.kind === 'unresolved' ? r.reason : '', /\/build\/other\/thing\.go is not on this machine/);
    const asked = fs.asked;
    assert.ok(asked > 0);
    await resolver.resolve('/build/other/thing.go');
    await resolver.resolve('/build/other/./thing.go');
    assert.equal(fs.asked, asked);
  });

  it('helpers: package of a symbol, module cache escaping', () => {
    assert.equal(packageOfFunction('example.com/shop/internal/cart.(*Cart).Add'), 'example.com/shop/internal/cart');
    assert.equal(packageOfFunction('runtime.gcBgMarkWorker.func1'), 'runtime');
    assert.equal(packageOfFunction('example.com/x.Map[go.shape.struct { example.com/y.T }]'), 'example.com/x');
    assert.equal(escapeModulePath('github.com/BurntSushi/toml'), 'github.com/!burnt!sushi/toml');
  });
});

describe('go.mod module path', () => {
  it('plain, quoted, with comments; none', async () => {
    const { parseModulePath } = await import('../../../src/golang/go-mod');
    assert.equal(parseModulePath('// x\nmodule example.com/shop // main\n\ngo 1.22\n'), 'example.com/shop');
    assert.equal(parseModulePath('module "example.com/q"\n'), 'example.com/q');
    assert.equal(parseModulePath('go 1.22\n'), undefined);
  });
});
