import { OptionError } from './option-error';

/**
 * Compiles a regular expression written for Go's RE2 (as pprof's flags are) into a JS RegExp
 * with the same unanchored "find anywhere" matching. Translates the common syntax that differs:
 * leading flag groups like (?i), (?P<name>...), \A, \z and [[:class:]] inside brackets.
 */
export function compileGoRegexp(option: string, source: string): RegExp {
  let pattern = source;
  let flags = '';
  const leadingFlags = /^\(\?([imsU]+)\)/.exec(pattern);
  if (leadingFlags) {
    const goFlags = leadingFlags[1] ?? '';
    if (goFlags.includes('i')) flags += 'i';
    if (goFlags.includes('s')) flags += 's';
    if (goFlags.includes('m')) flags += 'm';
    pattern = pattern.slice(leadingFlags[0].length);
  }
  pattern = pattern
    .replace(/\(\?P</g, '(?<')
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$')
    .replace(/\[:(alpha|digit|alnum|space|upper|lower|punct|xdigit|word):\]/g, (_m, name: string) => POSIX_CLASSES[name] ?? '');
  try {
    return new RegExp(pattern, flags);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new OptionError(`parsing ${option} regexp: ${reason}`);
  }
}

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  lower: 'a-z',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  word: 'A-Za-z0-9_',
};

/** Go's regexp.QuoteMeta: `text` as a literal inside a pattern. */
export function quoteGoRegexp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}
