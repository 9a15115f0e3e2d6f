/** An item of the Sessions view, as the view passes it to the session commands. */
import type { CaptureKind } from '../capture/capture-kinds';

export type SessionsNode =
  | { readonly type: 'session'; readonly sessionId: string }
  | { readonly type: 'action'; readonly sessionId: string; readonly action: 'cpu-start' | 'cpu-stop' | 'trace-start' | 'trace-stop' | 'flight-snapshot' | 'stop' }
  | { readonly type: 'capture'; readonly sessionId: string; readonly kind: CaptureKind };
