/**
 * Every message between the extension host and the profile webview, both directions.
 *
 * Handshake: the webview posts `ready` once its script runs (again after every reload);
 * the host answers `init`, then `loaded` or `failed` when the decode ends. Data for views
 * is requested with `request` messages typed by `ViewMethods`.
 */
import { callGraphMethod } from './callgraph-view';
import { flameMethod, flameWholeMethod, treePartMethod } from './flame-view';
import { goroutinesMethod } from './goroutines-view';
import { peekMethod } from './peek-view';
import { sandwichMethod } from './sandwich-view';
import type { MethodsOf, RequestOf, ResponseOf } from './rpc';
import { topMethod } from './top-view';
import { treeMethod } from './tree-view';
import type { GranularityView, ProfileSummary } from './view-model';

/** The custom editor that shows profiles (package.json contributes it under the same name). */
export const PROFILE_VIEW_TYPE = 'goProfiler.profile';

/**
 * Every view's data request: the webview asks, the host checks the params with the method's
 * parser and forwards them to the decode worker, whose handler table answers. Adding a view
 * method = its `<view>-view.ts` here in src/shared (params and result types, params parser,
 * `checkedMethod`), its line in this table, and its handler in src/worker/worker-handlers.ts.
 */
export const viewMethods = {
  top: topMethod,
  flame: flameMethod,
  flameWhole: flameWholeMethod,
  treePart: treePartMethod,
  tree: treeMethod,
  peek: peekMethod,
  callgraph: callGraphMethod,
  goroutines: goroutinesMethod,
  sandwich: sandwichMethod,
} as const;

export type ViewMethods = MethodsOf<typeof viewMethods>;

export type WebviewRequest = RequestOf<ViewMethods>;
export type WebviewResponse = ResponseOf<ViewMethods>;

export interface ReadyMessage {
  readonly kind: 'ready';
}

/** Ctrl/Cmd+click, double-click or Enter on a frame or row: open its source line. */
export interface OpenSourceMessage {
  readonly kind: 'openSource';
  readonly file: string;
  /** 1-based; 0 when unknown (the file opens at its top). */
  readonly line: number;
  /** The frame's function, to name it when the profile records no line and to find its package. */
  readonly functionName?: string;
}

/** "Capture image": the host asks where to save and writes the file. */
export interface SaveImageMessage {
  readonly kind: 'saveImage';
  readonly format: 'png' | 'svg';
  /** Base64 for PNG, the SVG text for SVG. */
  readonly data: string;
}

/** "Compare with…": the host picks a base profile and has the worker load it. */
export interface CompareWithMessage {
  readonly kind: 'compareWith';
}

/** "Stop comparing": the host forgets the base, so a reloaded webview shows the profile alone. */
export interface StopComparingMessage {
  readonly kind: 'stopComparing';
}

/**
 * The flame graph zoomed (or zoomed out): the zoomed frame's names from the root's child down
 * to it, [] when not zoomed. The editor hints then count only samples under that stack path.
 */
export interface FlameZoomMessage {
  readonly kind: 'flameZoom';
  readonly path: readonly string[];
}

/**
 * The page's Content-Security-Policy blocked something (an inline script, a remote image, …).
 * The webview reports every `securitypolicyviolation` event; the host logs and counts them per
 * panel (a profile that renders as text never causes one).
 */
export interface CspViolationMessage {
  readonly kind: 'cspViolation';
  /** The effective directive, e.g. `script-src-elem` or `img-src`. */
  readonly directive: string;
  /** What was blocked: a URL, or `inline` / `eval`. */
  readonly blockedUri: string;
  /** The browser's first characters of blocked inline code ('' when none). */
  readonly sample: string;
}

export type WebviewToHost =
  | ReadyMessage
  | CspViolationMessage
  | WebviewRequest
  | OpenSourceMessage
  | SaveImageMessage
  | CompareWithMessage
  | StopComparingMessage
  | FlameZoomMessage;

export interface InitMessage {
  readonly kind: 'init';
  /** Base name of the profile file, shown while it decodes. */
  readonly fileName: string;
}

export interface LoadedMessage {
  readonly kind: 'loaded';
  readonly summary: ProfileSummary;
  /** Module path of the go.mod nearest to the profile in its workspace, for "only my module". */
  readonly modulePath?: string;
}

/** A base profile for comparison was loaded; views asked with `diff: true` now compare. */
export interface BaseLoadedMessage {
  readonly kind: 'baseLoaded';
  readonly source: string;
}

export interface BaseFailedMessage {
  readonly kind: 'baseFailed';
  readonly message: string;
}

export interface FailedMessage {
  readonly kind: 'failed';
  /** The decoder's message, naming the file; shown as is. */
  readonly message: string;
}

/** The editor hover's "Reveal in the profile" (the Flame tab) or "Sandwich": show that tab with this function selected. */
export interface RevealFunctionMessage {
  readonly kind: 'revealFunction';
  /** The function's printable name, as the views show it. */
  readonly name: string;
  /** Default: the Flame Graph tab. */
  readonly view?: 'sandwich';
}

export type HostToWebview =
  | InitMessage
  | RevealFunctionMessage
  | LoadedMessage
  | FailedMessage
  | BaseLoadedMessage
  | BaseFailedMessage
  | WebviewResponse;

/** What the webview keeps with setState/getState across hide/show and reloads. */
export interface WebviewState {
  readonly sampleIndex?: number;
  readonly view?: string;
  readonly filters?: SavedFilters;
}

/** The toolbar's filters, restored when the webview reloads. */
export interface SavedFilters {
  readonly granularity: GranularityView;
  readonly focus: string;
  readonly ignore: string;
  readonly hide: string;
  readonly show: string;
  readonly tagFocus: string;
}
