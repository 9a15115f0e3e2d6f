/** Turns `go build` output into Problems-panel entries: `file:line:col: message`. Pure. */
import { isAbsolute, resolve } from 'node:path';

export interface BuildProblem {
  /** Absolute path of the file. */
  readonly file: string;
  /** One-based line and column (column 0 when go gave none). */
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

const LOCATION = /^(.+?\.go):(\d+)(?::(\d+))?: (.+)$/;

/** Parses compiler output; relative paths are resolved against `cwd` (where go build ran). */
export function parseBuildOutput(output: string, cwd: string): BuildProblem[] {
  const problems: BuildProblem[] = [];
  let last: { -readonly [K in keyof BuildProblem]: BuildProblem[K] } | undefined;
  for (const raw of output.split(/\r?\n/)) {
    const match = LOCATION.exec(raw.trim());
    if (match && !raw.startsWith('\t')) {
      const [, file = '', line = '0', column, message = ''] = match;
      last = { file: isAbsolute(file) ? file : resolve(cwd, file), line: Number(line), column: column ? Number(column) : 0, message };
      problems.push(last);
    } else if (last && raw.startsWith('\t') && raw.trim() !== '') {
      // go indents the continuation of a long message (e.g. "have (x) want (y)").
      last.message += `\n${raw.trim()}`;
    } else {
      last = undefined;
    }
  }
  return problems;
}
