/** The one error a decode can end in: the message names the source and what is wrong. */
export class ProfileError extends Error {
  override readonly name = 'ProfileError';
  constructor(
    /** What was being read: a file path, URL or other label the user recognises. */
    readonly source: string,
    /** What is wrong, without the source; e.g. "truncated data at byte 1234". */
    readonly problem: string,
  ) {
    super(`${source}: ${problem}`);
  }
}
