/** The flame graph's public contract: what the host passes in and what it gets back. */
import type { FlameFrameRef, FlameGraphModel } from './model';
import type { Orientation } from './orientation';
import type { ThemeKind } from './palette';
import type { FlameSearchSummary } from './search';
import type { FlameFrameText } from './tooltip-text';
import type { TreeIndex } from './tree-index';

export type { FlameFrameText, FlameSearchSummary };

/**
 * The colour hook: the fill of a node's bar for the theme. Default: a hue per Go package.
 * A comparison passes one that colours by the change (webview/views/diff-colors.ts).
 */
export type FrameColour = (node: number, theme: ThemeKind) => string;

export interface FlameGraphCallbacks {
  /** Ctrl/Cmd+click, double-click or Enter on a frame. */
  onOpenSource(frame: FlameFrameRef): void;
  /** A click or keyboard move selected a frame. */
  onSelect(frame: FlameFrameRef): void;
  /** A right-click on a frame (the browser's own menu is not shown over frames). */
  onContextMenu?(frame: FlameFrameRef, clientX: number, clientY: number): void;
  /** The "Capture image" buttons; without this callback they are not shown. */
  onCaptureImage?(format: 'png' | 'svg'): void;
  /** Called after every paint with its duration (layout + draw) in milliseconds. */
  onPaint?(ms: number): void;
  /** The zoom changed: names from the root's child down to the zoomed frame, [] when zoomed out. */
  onZoom?(path: readonly string[]): void;
}

export interface FlameGraphOptions {
  /** Show the component's own search box (off when the host toolbar has a shared one). */
  readonly searchBox?: boolean;
  readonly orientation?: Orientation;
  /** Zoom transitions in ms; 0 jumps at once. */
  readonly animationMs?: number;
  readonly colour?: FrameColour;
  readonly text?: FlameFrameText;
  /** The canvas's accessible name (default: the flame graph's, with its keys). */
  readonly label?: string;
}

/** What to keep across reloads (VS Code's setState): names survive a rebuilt tree, node ids do not. */
export interface FlameViewState {
  readonly orientation: Orientation;
  /** Frame names from the root's child down to the zoomed frame; [] when not zoomed. */
  readonly zoomPath: readonly string[];
  /** The search pattern, "" for none. */
  readonly search: string;
}

export interface FlameGraphHandle {
  /** Shows another tree; `index`, when given, is the model's own (built ahead, e.g. in slices). */
  update(model: FlameGraphModel, index?: TreeIndex): void;
  /** Highlights frames whose name matches; null or "" clears. Invalid patterns throw. */
  search(regex: RegExp | string | null): FlameSearchSummary | undefined;
  searchNext(): void;
  searchPrevious(): void;
  setOrientation(orientation: Orientation): void;
  /** Zooms so the node's subtree fills the width. */
  zoomTo(node: number): void;
  back(): void;
  forward(): void;
  select(node: number): void;
  /**
   * Selects the widest frame with this name (a selection made in another view) and zooms to
   * it when it is too narrow to see. Returns false when no frame has the name.
   */
  selectByName(name: string): boolean;
  /** Nodes whose frame has exactly this name, widest first. */
  nodesNamed(name: string): number[];
  /** Where a node is drawn, in client coordinates, or undefined when it is not drawn. */
  frameRect(node: number): DOMRect | undefined;
  readonly zoomedNode: number;
  readonly selectedNode: number;
  viewState(): FlameViewState;
  /** Re-applies a saved state as far as the current tree allows (a missing frame stops the zoom path). */
  restoreViewState(state: FlameViewState): void;
  exportPng(): Promise<Blob>;
  exportSvg(): string;
  dispose(): void;
}
