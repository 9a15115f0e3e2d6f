/**
 * Text for a terminal. Control characters in a profile's strings (ESC, BEL, CR, LF, tab, ...
 * and the C1 controls, e.g. U+009B, which some terminals take for ESC [) are written as
 * escapes: `\x1b`, `\a` is `\x07`, `\n`, `\r`, `\t`, `\u009b`. So a function, file, label or
 * sample type name cannot move the cursor, change colours, set the window title, ring the
 * bell, rewrite a line or start one. `go tool pprof` writes them as they are; the CLI's text
 * reports do not (its --json output escapes them as JSON does).
 */
/** Unicode category Cc: U+0000-U+001F, U+007F-U+009F. */
const CONTROL = /\p{Cc}/gu;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` with every control character written as an escape. */
export function printable(text: string): string {
  return text.replace(CONTROL, escapeControl);
}

function escapeControl(c: string): string {
  const named = NAMED[c];
  if (named !== undefined) return named;
  const code = c.charCodeAt(0);
  return code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
