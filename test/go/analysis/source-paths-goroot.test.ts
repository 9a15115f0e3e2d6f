/** Source path mapping of the real example profile against this machine's Go (go env GOROOT GOMODCACHE). */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { resolveSourcePath, type SourceContext } from '../../../src/analysis/source-paths';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import { repoRoot } from '../../support/go-fixtures';
import { nodeSourceFileSystem } from '../../support/node-source-fs';

describe('source path mapping', () => {
  it('every file of the real example profile (captured elsewhere) resolves here', async () => {
    const root = repoRoot;
    const profile = await readProfileFile(join(root, 'examples/profiles/hotspots.cpu.pb.gz'));
    const [goroot = '', gomodcache = ''] = execFileSync('go', ['env', 'GOROOT', 'GOMODCACHE'], { encoding: 'utf8' }).trim().split('\n');
    const ctx: SourceContext = { modules: [{ path: 'example.com/hotspots', root: join(root, 'examples') }], goroot, gomodcache };
    const fs = nodeSourceFileSystem;
    const files = new Map<string, string>();
    const fns = profile.functions;
    for (let f = 0; f < fns.count; f++) {
      const file = profile.strings[fns.filename[f]!] ?? '';
      if (file !== '') files.set(file, profile.strings[fns.name[f]!] ?? '');
    }
    let ours = 0;
    for (const [file, name] of files) {
      const r = await resolveSourcePath(file, ctx, fs, name);
      assert.equal(r.kind, 'resolved', `${file}: ${JSON.stringify(r)}`);
      if (r.kind !== 'resolved') continue;
      if (file.includes('/home/alice/src/hotspots/')) {
        ours++;
        assert.equal(r.path, join(root, 'examples/hotspots', file.slice(file.lastIndexOf('/') + 1)));
        assert.equal(r.readOnly, false);
      } else {
        assert.equal(r.readOnly, true, file);
      }
    }
    assert.ok(ours >= 3, `example files in the profile: ${ours}`);
  });
});
