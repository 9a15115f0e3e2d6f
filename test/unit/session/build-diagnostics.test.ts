import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBuildOutput } from '../../../src/session/build-diagnostics';

describe('parseBuildOutput', () => {
  it('turns go build errors into absolute file positions with their messages', () => {
    const output = [
      '# example.com/hotspots/hotspots',
      './main.go:12:2: undefined: nope',
      'cpu.go:7:14: cannot use x (variable of type int) as string value in argument to f',
      '/abs/dir/leak.go:3: syntax error: unexpected newline',
    ].join('\n');
    assert.deepEqual(parseBuildOutput(output, '/work/ws/hotspots'), [
      { file: '/work/ws/hotspots/main.go', line: 12, column: 2, message: 'undefined: nope' },
      { file: '/work/ws/hotspots/cpu.go', line: 7, column: 14, message: 'cannot use x (variable of type int) as string value in argument to f' },
      { file: '/abs/dir/leak.go', line: 3, column: 0, message: 'syntax error: unexpected newline' },
    ]);
  });

  it('appends tab-indented continuation lines to the message before them', () => {
    const output = './a.go:5:9: not enough arguments in call to f\n\thave ()\n\twant (int)\n./a.go:6:1: other';
    const problems = parseBuildOutput(output, '/p');
    assert.equal(problems.length, 2);
    assert.equal(problems[0]!.message, 'not enough arguments in call to f\nhave ()\nwant (int)');
    assert.equal(problems[1]!.message, 'other');
  });

  it('finds nothing in output without positions', () => {
    assert.deepEqual(parseBuildOutput('go: cannot find main module\n', '/p'), []);
  });
});
