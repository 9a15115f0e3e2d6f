/** A view in the profile editor's tab strip (top table now; flame, graph, tree later). */
import type { RpcClient } from '../../src/shared/rpc';
import type { ProfileSummary, ViewMethods } from '../../src/shared/view-model';

export interface ViewContext {
  readonly summary: ProfileSummary;
  readonly rpc: RpcClient<ViewMethods>;
  /** False once a newer render has started; a view drops results that arrive late. */
  isCurrent(): boolean;
  /** Reports the formatted total of the selected sample type, for the metadata header. */
  showTotal(text: string): void;
}

export interface ProfileViewModule {
  readonly id: string;
  readonly title: string;
  /** Fills `container` for sample type `sampleIndex`, replacing what was there. */
  render(container: HTMLElement, sampleIndex: number, context: ViewContext): Promise<void>;
}
