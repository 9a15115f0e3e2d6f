/**
 * Profile strings in the CLI's text reports. On a terminal, control characters (ESC, BEL, CR,
 * LF, tab, ... and the C1 controls, e.g. U+009B, which some terminals take for ESC [) are written
 * as escapes: `\x1b`, `\a` is `\x07`, `\n`, `\r`, `\t`, `\u009b`; so are the bytes 0x80-0x9F of a
 * string that was not UTF-8 (an 8-bit terminal's C1 controls), `\x9b`, where its other bytes
 * stay raw (utf8-escape.ts). So a function, file, label or sample type name cannot move the
 * cursor, change colours, set the window title, ring the bell, rewrite a line or start one.
 * Into a pipe or a file they are written as they are, byte for byte as `go tool pprof` writes
 * them, as `ls` does (the CLI chooses: src/cli.ts). --json escapes them as JSON does, either way.
 */

/** How a text report writes the control characters of a profile's strings: as escapes (a terminal), or as they are (a pipe or a file, as pprof). */
export type Controls = 'escape' | 'raw';

/** Unicode category Cc (U+0000-U+001F, U+007F-U+009F), and the raw bytes 0x80-0x9F (lone U+DC80-U+DC9F: with /u a pair is one code point). */
const CONTROL = /[\p{Cc}\uDC80-\uDC9F]/gu;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` as a report writes it: every control character an escape unless `controls` is 'raw' (the safe side by default). */
export function printable(text: string, controls: Controls = 'escape'): string {
  return controls === 'raw' ? text : text.replace(CONTROL, escapeControl);
}

function escapeControl(c: string): string {
  const named = NAMED[c];
  if (named !== undefined) return named;
  const code = c.charCodeAt(0);
  if (code >= 0xdc80) return `\\x${(code - 0xdc00).toString(16)}`;
  return code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
