/**
 * A report option the profile cannot satisfy (unknown sample type, bad regular expression).
 * The message is one line, fit to print as is; the CLI exits with code 2 on it.
 */
export class OptionError extends Error {
  override readonly name = 'OptionError';
}
