/** The one error reading a trace can end in: the message names the source and what is wrong. */
export class TraceError extends Error {
  override readonly name = 'TraceError';
  constructor(
    /** What was being read: a file path or other label the user recognises. */
    readonly source: string,
    /** What is wrong, without the source; e.g. "batch 12 at byte 3456: truncated varint". */
    readonly problem: string,
  ) {
    super(`${source}: ${problem}`);
  }
}

/** Thrown inside the reader without the source; readTrace adds it (one catch, one place). */
export class FormatProblem extends Error {
  override readonly name = 'FormatProblem';
}
