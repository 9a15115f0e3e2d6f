// go list: one package, and the main packages of a module (real Go).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { findGo } from '../../../src/capture/find-go';
import { listMainPackages, resolvePackage } from '../../../src/capture/go-package';
import { parseGoList } from '../../../src/golang/go-list';
import { FIXTURES } from './helpers';

describe('go list', () => {
  it('finds the main packages of a module, not its libraries', async () => {
    const found = await listMainPackages(findGo(), FIXTURES);
    assert.deepEqual(found.map((p) => p.importPath).sort(), [
      'example.com/gocapture/echoer',
      'example.com/gocapture/httppprof',
      'example.com/gocapture/shortrun',
      'example.com/gocapture/stubborn',
      'example.com/gocapture/workload',
    ]);
    assert.equal(found.find((p) => p.importPath.endsWith('/workload'))?.dir, join(FIXTURES, 'workload'));
  });

  it('resolves a library package with its module', async () => {
    const pkg = await resolvePackage(findGo(), './benchy', FIXTURES);
    assert.equal(pkg.name, 'benchy');
    assert.deepEqual(pkg.module, { path: 'example.com/gocapture', root: FIXTURES });
    assert.deepEqual(pkg.goFiles, ['benchy.go']);
    assert.match(pkg.goVersion, /^go1\.\d+/);
  });

  it('explains output that is not one package', () => {
    assert.throws(() => parseGoList('./...', '{"a":1}{"b":2}'), /expected one package/);
    assert.throws(() => parseGoList('./x', '{"Error":{"Err":"no Go files in /x"}}'), /go list \.\/x: no Go files in \/x/);
  });
});
