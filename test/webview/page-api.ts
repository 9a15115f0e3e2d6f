/**
 * What the flame graph test page exposes as `globalThis.flameTest`. Plain data only: the Node
 * side (no DOM types) calls it through page.evaluate, the page implements it.
 */

export interface WireFrame {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly startLine?: number;
}

/** The flame model on its way into the page: typed arrays as base64. */
export interface WireModel {
  readonly frames: readonly WireFrame[];
  readonly parent: string;
  readonly frame: string;
  readonly value: string;
  readonly self: string;
  readonly unit: string;
}

export interface PageOptions {
  readonly animationMs?: number;
  readonly orientation?: 'icicle' | 'flame';
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface TooltipText {
  readonly name: string;
  readonly location: string;
  readonly total: string;
  readonly ofParent: string;
  readonly self: string;
  readonly value: number;
  readonly visible: boolean;
}

export interface FrameEvent {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly node: number;
}

export interface SearchSummary {
  readonly matches: number;
  readonly matchedValue: number;
  readonly total: number;
  readonly percent: string;
}

export interface PngInfo {
  readonly type: string;
  readonly width: number;
  readonly height: number;
  readonly base64: string;
}

export interface SvgInfo {
  readonly text: string;
  /** Size of the SVG decoded as an image. */
  readonly width: number;
  readonly height: number;
  readonly parserError: boolean;
  readonly rects: number;
  readonly labels: string[];
  readonly titles: string[];
  readonly scripts: number;
}

export interface ZoomBench {
  /** Duration (layout + draw) of every paint during the zoom animations, ms. */
  readonly frames: number[];
  /** Wall time between consecutive animation frames, ms. */
  readonly intervals: number[];
}

export interface ViewState {
  readonly orientation: 'icicle' | 'flame';
  readonly zoomPath: readonly string[];
  readonly search: string;
}

export interface FlameTestApi {
  /**
   * Posts the model to the page (structured clone) and resolves after the first frame with:
   * message received -> end of first paint, -> next animation frame, and postMessage call ->
   * end of first paint (adds the structured clone).
   */
  load(wire: WireModel, options: PageOptions): Promise<{ firstPaintMs: number; firstFrameMs: number; postedToPaintMs: number }>;
  /** Sets the body class VS Code uses: vscode-light, vscode-dark or vscode-high-contrast. */
  setTheme(kind: 'light' | 'dark' | 'high-contrast'): void;
  frameBox(node: number): Box | null;
  canvasBox(): Box;
  tooltip(): TooltipText;
  breadcrumb(): string[];
  /** RGB read back from the canvas at client coordinates. */
  pixel(x: number, y: number): [number, number, number];
  nextFrame(): Promise<void>;
  zoomedNode(): number;
  selectedNode(): number;
  nodesNamed(name: string): number[];
  selectByName(name: string): boolean;
  zoomTo(node: number): void;
  search(pattern: string): SearchSummary | null;
  openSource(): FrameEvent[];
  selected(): FrameEvent[];
  cspViolations(): string[];
  viewState(): ViewState;
  restoreViewState(state: ViewState): void;
  searchStatus(): string;
  /** Canvas backing store size against its CSS size, and the page's devicePixelRatio. */
  canvasResolution(): { width: number; height: number; cssWidth: number; cssHeight: number; dpr: number };
  exportPng(): Promise<PngInfo>;
  exportSvg(): Promise<SvgInfo>;
  /** Elements a profile string could have injected. */
  domCounts(): { img: number; bold: number; scripts: number };
  emptyState(): { emptyVisible: boolean; mainVisible: boolean; text: string };
  /** Zooms into each node and back, animated, recording every paint. */
  benchZoom(nodes: number[], animationMs: number): Promise<ZoomBench>;
}
