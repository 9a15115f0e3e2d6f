import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AGENT_FINISH } from '../../../src/capture/agent-source';
import { wrapMain } from '../../../src/capture/whole-run-main';
import { findMainDeclaration } from '../../../src/golang/go-declarations';

describe('wrapping func main', () => {
  it("makes main defer the agent's finish on the line of its brace; every other byte stays", () => {
    const source = 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("hi")\n}\n\nfunc after() {}\n';
    const out = wrapMain(source)!;
    assert.equal(out, source.replace('func main() {\n', `func main() { defer ${AGENT_FINISH}();\n`));
    assert.equal(out.split('\n').length, source.split('\n').length);
  });

  it('finds the brace past spaces and comments, and a body on the same line', () => {
    assert.equal(wrapMain('package main\nfunc main ( /* x */ ) /* y */ { run() }\n'), `package main\nfunc main ( /* x */ ) /* y */ { defer ${AGENT_FINISH}(); run() }\n`);
    assert.equal(wrapMain('package main\nfunc main() {}'), `package main\nfunc main() { defer ${AGENT_FINISH}();}`);
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

  it('leaves a main whose signature is not main() alone', () => {
    assert.equal(wrapMain('package main\nfunc main(x int) {}\n'), undefined);
  });
});
