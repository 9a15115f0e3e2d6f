/** Why a launch or capture failed; `message` is one line a user can act on. */
export type CaptureFailure =
  | 'go-missing'
  | 'not-a-main-package'
  | 'go-list-failed'
  | 'build-failed'
  | 'program-ended'
  | 'agent-timeout'
  | 'busy'
  | 'forbidden'
  | 'agent-error'
  | 'bad-request'
  | 'unreachable'
  /** Interrupted by the user (a signal to the command line, a cancelled build). */
  | 'cancelled';

export class CaptureError extends Error {
  override readonly name = 'CaptureError';
  constructor(
    readonly failure: CaptureFailure,
    message: string,
    /** Long supporting text, e.g. the compiler's output for 'build-failed'. */
    readonly details = '',
  ) {
    super(message);
  }
}
