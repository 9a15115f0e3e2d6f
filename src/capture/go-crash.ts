/**
 * How a Go program ended, in words a user can act on. The Go runtime prints "panic: …" or
 * "fatal error: …" on stderr and exits with code 2; `CrashWatcher` keeps the last such line
 * from the stderr stream so the message can say the program panicked and why. Pure.
 */
import type { ProgramExit } from './process';

/** Longest crash line kept (a panic value can be huge). */
const MAX_LINE = 300;

/** Remembers the last "panic: " / "fatal error: " line of a stream fed in chunks. */
export class CrashWatcher {
  private partial = '';
  private line: string | undefined;

  feed(chunk: string): void {
    const lines = (this.partial + chunk).split('\n');
    this.partial = (lines.pop() ?? '').slice(0, MAX_LINE);
    for (const l of lines) this.consider(l);
  }

  /** The last crash line seen (the unfinished last line included). */
  crashLine(): string | undefined {
    if (this.partial !== '') this.consider(this.partial);
    this.partial = '';
    return this.line;
  }

  private consider(raw: string): void {
    const l = raw.replace(/\r$/, '');
    // "panic: x [recovered]" lines belong to a panic that is still unwinding; the final
    // one is printed last, so keeping the last line keeps the one that ended the program.
    if (/^(panic|fatal error): /.test(l)) this.line = l.length > MAX_LINE ? `${l.slice(0, MAX_LINE)}…` : l;
  }
}

/**
 * "panicked (exit code 2): boom", "hit a fatal error (exit code 2): all goroutines are
 * asleep - deadlock!", "exited with code 3", "was killed by SIGKILL", "could not start".
 * The crash line counts only with exit code 2, the code the Go runtime crashes with.
 */
export function describeEnd(exit: ProgramExit, crashLine?: string): string {
  if (exit.signal) return `was killed by ${exit.signal}`;
  if (exit.code === null) return 'could not start';
  if (exit.code === 2 && crashLine) {
    const panic = /^panic: (.*)$/.exec(crashLine);
    if (panic) return `panicked (exit code 2): ${panic[1]}`;
    return `hit a fatal error (exit code 2): ${crashLine.replace(/^fatal error: /, '')}`;
  }
  return `exited with code ${exit.code}`;
}
