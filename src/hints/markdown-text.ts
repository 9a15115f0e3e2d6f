/**
 * Profile strings (function, file and program names) inside VS Code MarkdownStrings: shown as
 * the text they are, never as markdown, HTML, links, autolinks or `$(icon)` syntax. No vscode
 * import, so it is tested with a real markdown parser.
 */

/**
 * Every ASCII punctuation character CommonMark lets a backslash escape, so none of them starts
 * markup: emphasis, code, links, autolinks (`:`), HTML (`<`, `&`), tables (`|`) and VS Code's
 * theme icons (`$(`, kept literal as `\$(` as MarkdownString.appendText does). Line breaks and
 * other control characters become spaces: a name stays on its line.
 */
export function markdownText(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029]/gu, ' ').replace(/[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g, (c) => `\\${c}`);
}

/** A `command:` link for a MarkdownString whose isTrusted enables exactly `command`. */
export function commandLink(label: string, command: string, args: readonly unknown[]): string {
  return `[${label}](command:${command}?${encodeURIComponent(JSON.stringify(args))})`;
}
