/** A view in the profile editor's tab strip: flame graph, top, tree. */
import type { RpcClient } from '../../src/shared/rpc';
import type { ViewMethods } from '../../src/shared/protocol';
import type { ProfileSummary, ViewQuery } from '../../src/shared/view-model';
import type { Filters } from '../filters';
import type { FunctionMenuItem } from './function-menu';

export interface ViewContext {
  readonly summary: ProfileSummary;
  readonly rpc: RpcClient<ViewMethods>;
  /** Reports the formatted total of the selected sample type, for the metadata header. */
  showTotal(text: string): void;
  /** Selects a function (by printable name) in every view. */
  select(name: string): void;
  /** Selects the function and shows its Sandwich tab (callers above, callees below). */
  openSandwich(name: string): void;
  openSource(file: string, line: number, functionName: string): void;
  saveImage(format: 'png' | 'svg', data: string): void;
  /** What the shared search matched in this view (e.g. "3 matches · 12.5% of total"). */
  searchStatus(text: string): void;
  /** The flame graph's zoom (root-first names of the zoomed frame, [] when not zoomed), for the editor hints. */
  flameZoom(path: readonly string[]): void;
  /** The zoom to restore on a newly drawn flame tree (from a reload or a saved view), [] for none; once. */
  takeZoom(): readonly string[];
  /** The transform items of the right-click menu on the frame `name` (`path`: root-first names down to it, when known). */
  transformItems(name: string, path?: readonly string[]): readonly FunctionMenuItem[];
  /** The toolbar's filters now (the Labels tab shows which label filters are on). */
  filters(): Filters;
  /** Changes the toolbar's filters, undoably, as if made in the toolbar. */
  setFilters(next: Filters): void;
}

export interface ViewInstance {
  /** Shows the data for `query`, asking the host only when it changed since the last call. */
  show(query: ViewQuery, isCurrent: () => boolean): Promise<void>;
  /** The shared search; undefined clears it. */
  setSearch(pattern: RegExp | undefined): void;
  /** The shared selection (a printable function name); undefined clears it. */
  setSelection(name: string | undefined): void;
  /** Selects the function and brings it into view (the editor hover's "Reveal in the profile"). */
  revealFunction?(name: string): void;
  dispose(): void;
}

export interface ProfileViewModule {
  readonly id: string;
  readonly title: string;
  /** Whether the tab is shown for this profile (default: always). */
  readonly appliesTo?: (summary: ProfileSummary) => boolean;
  create(container: HTMLElement, context: ViewContext): ViewInstance;
}

/** Same query as last time (the views cache what they showed). */
export function queryKey(query: ViewQuery): string {
  return JSON.stringify(query);
}

/** Opens a frame's source: its line, else its function's first line. */
export function sourceLine(line: number, startLine: number | undefined): number {
  return line > 0 ? line : (startLine ?? 0);
}
