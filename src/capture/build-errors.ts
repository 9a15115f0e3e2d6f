/** Compiler messages from `go build` / `go test` output, for a Problems panel. Pure. */
import { isAbsolute, resolve } from 'node:path';

export interface GoBuildMessage {
  /** Absolute path of the file. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based; 0 when the compiler gave none. */
  readonly column: number;
  readonly message: string;
}

/** Reads `file:line[:col]: message` lines; relative paths are resolved against `cwd`. */
export function parseGoBuildOutput(output: string, cwd: string): GoBuildMessage[] {
  const messages: GoBuildMessage[] = [];
  for (const raw of output.split('\n')) {
    const m = /^(\S.*?\.go):(\d+)(?::(\d+))?: (.+)$/.exec(raw.trimEnd());
    if (!m) continue;
    const [, file = '', line = '0', column, message = ''] = m;
    messages.push({
      file: isAbsolute(file) ? file : resolve(cwd, file),
      line: Number(line),
      column: column === undefined ? 0 : Number(column),
      message,
    });
  }
  return messages;
}
