/**
 * The agent must run code when the user's `main` returns or panics (to write a recording
 * still running, and whole-run mode's profiles). The overlay replaces the file that
 * declares `func main()` with a copy in which that declaration is renamed and a new `main`,
 * appended after the last line, defers the agent's finish function and calls it. Only the
 * one line changes, so every line number stays the same; strip-agent.ts names the frame
 * `main.main` again and removes the generated one from every capture.
 */
import { AGENT_FINISH, WRAPPED_USER_MAIN } from './agent-source';

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
 * The copy of a file declaring `func main()` whose main is wrapped, or undefined if it
 * declares none. The deferred call also runs while main's goroutine panics (no recover, so
 * the panic and its output stay as they were). Pure.
 */
export function wrapMain(source: string): string | undefined {
  const at = findMainDeclaration(source);
  if (at < 0) return undefined;
  const renamed = source.slice(0, at) + WRAPPED_USER_MAIN + source.slice(at + 'main'.length);
  const separator = renamed.endsWith('\n') ? '' : '\n';
  return `${renamed}${separator}\nfunc main() {\n\tdefer ${AGENT_FINISH}()\n\t${WRAPPED_USER_MAIN}()\n}\n`;
}
