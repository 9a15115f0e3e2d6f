/** What the editor test page exposes to the Node test as `window.editorTest` (plain data). */
import type { WebviewToHost } from '../../../src/shared/protocol';

export interface EditorPageApi {
  readonly posted: WebviewToHost[];
  readonly cspViolations: string[];
  /** Posts whose answers have not been delivered yet. */
  readonly pending: number;
  setTheme(kind: 'light' | 'dark' | 'high-contrast'): void;
}
