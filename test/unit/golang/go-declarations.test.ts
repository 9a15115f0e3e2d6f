import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blankCommentsAndStrings, findGoDeclarations } from '../../../src/golang/go-declarations';

describe('findGoDeclarations', () => {
  it('finds func main in package main with its zero-based line', () => {
    const src = 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("x")\n}\n';
    assert.deepEqual(findGoDeclarations(src, 'main.go'), { packageName: 'main', runnables: [{ kind: 'main', name: 'main', line: 4 }] });
  });

  it('ignores func main outside package main and in test files', () => {
    assert.deepEqual(findGoDeclarations('package lib\nfunc main() {}\n', 'lib.go').runnables, []);
    assert.deepEqual(findGoDeclarations('package main\nfunc main() {}\n', 'main_test.go').runnables, []);
  });

  it('finds tests and benchmarks with go test\'s signature rules in _test.go files', () => {
    const src = [
      'package hotspots', // 0
      'import "testing"',
      'func TestCountPrimes(t *testing.T) {}', // 2
      'func BenchmarkBuild(b *testing.B) {}', // 3
      'func Test(t *testing.T) {}', // 4: bare Test is a valid test
      'func Testlower(t *testing.T) {}', // lower-case after Test: not a test
      'func TestHelper(t *testing.B) {}', // wrong type
      'func BenchmarkX(b *testing.T) {}', // wrong type
      'func TestMain(m *testing.M) {}', // TestMain is not a test
      'func (s suite) TestMethod(t *testing.T) {}', // method
      'func Test_under(t *testing.T) {}', // 10: underscore is allowed
      'func TestSpaced( t  * testing.T ) {}', // 11
    ].join('\n');
    assert.deepEqual(findGoDeclarations(src, 'x_test.go').runnables, [
      { kind: 'test', name: 'TestCountPrimes', line: 2 },
      { kind: 'benchmark', name: 'BenchmarkBuild', line: 3 },
      { kind: 'test', name: 'Test', line: 4 },
      { kind: 'test', name: 'Test_under', line: 10 },
      { kind: 'test', name: 'TestSpaced', line: 11 },
    ]);
  });

  it('skips declarations inside comments and raw strings, keeping line numbers', () => {
    const src = 'package main\n/*\nfunc main() {}\n*/\nvar s = `\nfunc main() {}\n`\n// func main() {}\nfunc main() {}\n';
    assert.deepEqual(findGoDeclarations(src, 'main.go').runnables, [{ kind: 'main', name: 'main', line: 8 }]);
  });

  it('reads the package clause after a license comment', () => {
    assert.equal(findGoDeclarations('// package foo\n/* package bar */\npackage main\n', 'a.go').packageName, 'main');
    assert.equal(findGoDeclarations('func f() {}', 'a.go').packageName, undefined);
  });

  it('blanks strings with escaped quotes without shifting text', () => {
    const src = 'a := "x\\"y" // c\nb';
    const out = blankCommentsAndStrings(src);
    assert.equal(out.length, src.length);
    assert.equal(out.split('\n')[1], 'b');
    assert.ok(!out.includes('x'));
  });
});
