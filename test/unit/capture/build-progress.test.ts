import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BuildProgressReader, withoutPackageLines, type BuildProgress } from '../../../src/capture/build-progress';

const PACKAGES = new Set(['internal/goarch', 'runtime', 'net/http', 'example.com/app']);

describe('go build -v progress', () => {
  it('counts the package lines as they arrive, lines split across chunks included', () => {
    const seen: BuildProgress[] = [];
    const reader = new BuildProgressReader(PACKAGES, (p) => seen.push(p));
    reader.push('internal/goarch\nrun');
    reader.push('time\n# example.com/app\n./main.go:3:2: undefined: x\nnet/http\n');
    assert.deepEqual(seen, [
      { compiling: 'internal/goarch', done: 1, total: 4 },
      { compiling: 'runtime', done: 2, total: 4 },
      { compiling: 'net/http', done: 3, total: 4 },
    ]);
  });

  it('names command-line-arguments (a program given by its files) and never reports more done than total', () => {
    const seen: BuildProgress[] = [];
    const reader = new BuildProgressReader(new Set(['runtime']), (p) => seen.push(p));
    reader.push('runtime\ncommand-line-arguments\n');
    assert.deepEqual(seen.at(-1), { compiling: 'command-line-arguments', done: 2, total: 2 });
  });

  it('leaves a failure as go prints it without -v', () => {
    const out = 'internal/goarch\nexample.com/app\n# example.com/app\n./main.go:3:2: undefined: x\n';
    assert.equal(withoutPackageLines(out, PACKAGES), '# example.com/app\n./main.go:3:2: undefined: x\n');
  });
});
