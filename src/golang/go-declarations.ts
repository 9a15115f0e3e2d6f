/**
 * Finds what can be profiled in one Go file: its package name, `func main()`, and every
 * `func TestX(t *testing.T)` / `func BenchmarkX(b *testing.B)`. Pure; works on unsaved text.
 * The one Go comment and string scanner (blankCommentsAndStrings) lives here.
 */

export type RunnableKind = 'main' | 'test' | 'benchmark';

export interface RunnableDeclaration {
  readonly kind: RunnableKind;
  /** "main", "TestX" or "BenchmarkX". */
  readonly name: string;
  /** Zero-based line of the `func` keyword. */
  readonly line: number;
}

export interface GoFileDeclarations {
  /** The package clause's name, or undefined if the file has none. */
  readonly packageName: string | undefined;
  readonly runnables: readonly RunnableDeclaration[];
}

/** The text with comments and string literals blanked (newlines kept), so line numbers stay. */
export function blankCommentsAndStrings(source: string): string {
  const out: string[] = [];
  let i = 0;
  const blank = (from: number, to: number): void => {
    for (let k = from; k < to; k++) out.push(source[k] === '\n' ? '\n' : ' ');
  };
  while (i < source.length) {
    const c = source[i]!;
    const next = source[i + 1];
    let end = -1;
    if (c === '/' && next === '/') {
      end = source.indexOf('\n', i);
      if (end < 0) end = source.length;
    } else if (c === '/' && next === '*') {
      end = source.indexOf('*/', i + 2);
      end = end < 0 ? source.length : end + 2;
    } else if (c === '`') {
      end = source.indexOf('`', i + 1);
      end = end < 0 ? source.length : end + 1;
    } else if (c === '"' || c === "'") {
      end = i + 1;
      while (end < source.length && source[end] !== c && source[end] !== '\n') end += source[end] === '\\' ? 2 : 1;
      end = Math.min(end + 1, source.length);
    }
    if (end < 0) {
      out.push(c);
      i++;
    } else {
      blank(i, end);
      i = end;
    }
  }
  return out.join('');
}

/** Offset of the `main` identifier of the first `func main(` outside comments and strings, or -1. */
export function findMainDeclaration(source: string): number {
  const declaration = /(?<![\w$])func[ \t]+main[ \t]*\(/.exec(blankCommentsAndStrings(source));
  return declaration ? source.indexOf('main', declaration.index) : -1;
}

const PACKAGE = /^\s*package\s+([A-Za-z_]\w*)/m;
const MAIN = /^func\s+main\s*\(\s*\)/;
// The receiver-less signature `go test` accepts: one parameter of type *testing.T / *testing.B.
// The name after Test/Benchmark must not start with a lower-case letter (go test's rule).
const TEST = /^func\s+(Test(?:[^a-z\W]\w*)?)\s*\(\s*(?:\w+\s+)?\*\s*testing\.T\s*\)/;
const BENCHMARK = /^func\s+(Benchmark(?:[^a-z\W]\w*)?)\s*\(\s*(?:\w+\s+)?\*\s*testing\.B\s*\)/;

export function findGoDeclarations(source: string, fileName: string): GoFileDeclarations {
  const code = blankCommentsAndStrings(source);
  const packageName = PACKAGE.exec(code)?.[1];
  const isTestFile = fileName.endsWith('_test.go');
  const runnables: RunnableDeclaration[] = [];
  const lines = code.split('\n');
  for (let line = 0; line < lines.length; line++) {
    const text = lines[line]!;
    if (!text.startsWith('func')) continue;
    if (!isTestFile && packageName === 'main' && MAIN.test(text)) {
      runnables.push({ kind: 'main', name: 'main', line });
      continue;
    }
    if (!isTestFile) continue;
    const test = TEST.exec(text);
    if (test) {
      runnables.push({ kind: 'test', name: test[1]!, line });
      continue;
    }
    const bench = BENCHMARK.exec(text);
    if (bench) runnables.push({ kind: 'benchmark', name: bench[1]!, line });
  }
  return { packageName, runnables };
}
