import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseGoBuildOutput } from '../../../src/capture/build-errors';

describe('go build output', () => {
  it('reads file, line, column and message; resolves relative paths', () => {
    const output = [
      '# example.com/broken',
      './main.go:4:2: undefined: notDeclared',
      '/abs/x/util.go:10: syntax error: unexpected }',
      'too many errors',
    ].join('\n');
    assert.deepEqual(parseGoBuildOutput(output, '/ws/broken'), [
      { file: '/ws/broken/main.go', line: 4, column: 2, message: 'undefined: notDeclared' },
      { file: '/abs/x/util.go', line: 10, column: 0, message: 'syntax error: unexpected }' },
    ]);
  });
  it('returns nothing for output without positions', () => {
    assert.deepEqual(parseGoBuildOutput('go: cannot find main module\n', '/x'), []);
  });
});
