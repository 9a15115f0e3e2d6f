import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WHOLE_RUN_FINISH, WHOLE_RUN_USER_MAIN } from '../../../src/capture/agent-source';
import { rewriteMainForWholeRun } from '../../../src/capture/whole-run-main';
import { findMainDeclaration } from '../../../src/golang/go-declarations';

describe('whole-run rewrite of func main', () => {
  it('renames the declaration in place and appends a main that finishes', () => {
    const source = 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("hi")\n}\n\nfunc after() {}\n';
    const out = rewriteMainForWholeRun(source)!;
    const before = source.split('\n');
    const lines = out.split('\n');
    assert.equal(lines[4], `func ${WHOLE_RUN_USER_MAIN}() {`);
    for (let i = 0; i < before.length - 1; i++) if (i !== 4) assert.equal(lines[i], before[i]);
    assert.match(out, new RegExp(`func main\\(\\) \\{\\n\\t${WHOLE_RUN_USER_MAIN}\\(\\)\\n\\t${WHOLE_RUN_FINISH}\\(\\)\\n\\}\\n$`));
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
    assert.equal(rewriteMainForWholeRun('package main\n\nfunc helper() {}\n'), undefined);
    assert.equal(findMainDeclaration('package main\n// func main()\n'), -1);
  });

  it('adds a newline when the file does not end with one', () => {
    assert.match(rewriteMainForWholeRun('package main\nfunc main() {}')!, /\{\}\n\nfunc main\(\)/);
  });
});
