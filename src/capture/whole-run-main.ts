/**
 * The agent must run code when the user's `main` returns or panics (to write a recording
 * still running, and whole-run mode's profiles). The overlay replaces the file that
 * declares `func main()` with a copy whose main starts by deferring the agent's finish
 * function, on the line of its opening brace: every line number stays the same and main
 * stays main.main (the agent's frames under it are dropped from captures like all others).
 */
import { AGENT_FINISH } from './agent-source';

/** Offset of the `main` identifier of a `func main(` declaration in code, or -1. Pure. */
export function findMainDeclaration(source: string): number {
  const declaration = /func[ \t]+main[ \t]*\(/y;
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      i = end < 0 ? source.length : end + 1;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 2;
    } else if (c === '`') {
      const end = source.indexOf('`', i + 1);
      i = end < 0 ? source.length : end + 1;
    } else if (c === '"' || c === "'") {
      i++;
      while (i < source.length && source[i] !== c && source[i] !== '\n') i += source[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === 'f' && (i === 0 || !/[\w$]/.test(source[i - 1] ?? ''))) {
      declaration.lastIndex = i;
      if (declaration.test(source)) return source.indexOf('main', i);
      i++;
    } else {
      i++;
    }
  }
  return -1;
}

/**
 * The copy of a file declaring `func main()` whose main defers the agent's finish, or
 * undefined if it declares none (or its signature is not `main()` then `{`). The deferred
 * call also runs while main's goroutine panics (no recover, so the panic and its output stay
 * as they were). Pure.
 */
export function wrapMain(source: string): string | undefined {
  const at = findMainDeclaration(source);
  if (at < 0) return undefined;
  // After "main": "(", ")", then the body's "{" (Go puts it on the same line), with
  // spaces or /* comments */ between them.
  const signature = /^main[ \t]*\((?:[ \t]|\/\*[^\n]*?\*\/)*\)(?:[ \t]|\/\*[^\n]*?\*\/)*\{/.exec(source.slice(at));
  if (!signature) return undefined;
  const brace = at + signature[0].length;
  return `${source.slice(0, brace)} defer ${AGENT_FINISH}();${source.slice(brace)}`;
}
