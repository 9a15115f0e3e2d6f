import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AGENT_FINISH, WRAPPED_USER_MAIN } from '../../../src/capture/agent-source';
import { findMainDeclaration, wrapMain } from '../../../src/capture/whole-run-main';

describe('wrapping func main', () => {
  it('renames the declaration in place and appends a main that defers the finish and calls it', () => {
    const source = 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("hi")\n}\n\nfunc after() {}\n';
    const out = wrapMain(source)!;
    const before = source.split('\n');
    const lines = out.split('\n');
    assert.equal(lines[4], `func ${WRAPPED_USER_MAIN}() {`);
    for (let i = 0; i < before.length - 1; i++) if (i !== 4) assert.equal(lines[i], before[i]);
    assert.ok(out.endsWith(`\n\nfunc main() {\n\tdefer ${AGENT_FINISH}()\n\t${WRAPPED_USER_MAIN}()\n}\n`), out);
  });

  it('skips comments, strings and methods named main', () => {
    const source = [
      'package main',
      '// func main() in a comment',
      '/* func main() {\n} */',
      'var s = "func main()"',
      'var r = `',
      'func main() {',
      '`',
      'func (t T) main() {}',
      'func mainly() {}',
      'func  main ( ) {}',
    ].join('\n');
    const at = findMainDeclaration(source);
    assert.equal(source.slice(at - 6, at + 4), 'func  main');
  });

  it('returns undefined for a file without main', () => {
    assert.equal(wrapMain('package main\n\nfunc helper() {}\n'), undefined);
    assert.equal(findMainDeclaration('package main\n// func main()\n'), -1);
  });

  it('adds a newline when the file does not end with one', () => {
    assert.match(wrapMain('package main\nfunc main() {}')!, /\{\}\n\nfunc main\(\)/);
  });
});
