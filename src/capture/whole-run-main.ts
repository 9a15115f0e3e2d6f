/**
 * Whole-run mode needs to run code after the user's `main` returns. The overlay replaces
 * the file that declares `func main()` with a copy in which that declaration is renamed
 * and a new `main`, appended after the last line, calls it and then the agent's finish
 * function. Only the one line changes, so every line number stays the same.
 */
import { findMainDeclaration } from '../golang/go-declarations';
import { WHOLE_RUN_FINISH, WHOLE_RUN_USER_MAIN } from './agent-source';

/** The whole-run copy of a file declaring `func main()`, or undefined if it declares none. Pure. */
export function rewriteMainForWholeRun(source: string): string | undefined {
  const at = findMainDeclaration(source);
  if (at < 0) return undefined;
  const renamed = source.slice(0, at) + WHOLE_RUN_USER_MAIN + source.slice(at + 'main'.length);
  const separator = renamed.endsWith('\n') ? '' : '\n';
  return `${renamed}${separator}\nfunc main() {\n\t${WHOLE_RUN_USER_MAIN}()\n\t${WHOLE_RUN_FINISH}()\n}\n`;
}
