/**
 * The agent must run code when the user's `main` returns or panics (to write a recording
 * still running, and whole-run mode's profiles). The overlay replaces the file that
 * declares `func main()` with a copy whose main starts by deferring the agent's finish
 * function, on the line of its opening brace: every line number stays the same and main
 * stays main.main (the agent's frames under it are dropped from captures like all others).
 */
import { findMainDeclaration } from '../golang/go-declarations';
import { AGENT_FINISH } from './agent-source';

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
