/** What the profile editor test page exposes to the test as `window.profileEditorTest`. */
import type { HostToWebview, WebviewToHost } from '../../../src/shared/protocol';

export interface ProfileEditorTestApi {
  readonly posted: WebviewToHost[];
  readonly cspViolations: string[];
  state(): unknown;
  deliver(message: HostToWebview): void;
}
