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
import { labelsMethod } from './labels-view';
import { peekMethod } from './peek-view';
import { sandwichMethod } from './sandwich-view';
import { hostViewMethods } from './source-view';
import { isOwnKey } from './guards';
import type { MethodsOf, ParamsOf, RequestOf, ResponseOf, ResultOf } from './rpc';
import type { Transform } from './transforms';
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
  ...hostViewMethods,
  labels: labelsMethod,
} as const;

export type ViewMethods = MethodsOf<typeof viewMethods>;
/** Source and Disassembly: answered by the host (it reads files and runs objdump). */
export type HostViewMethods = MethodsOf<typeof hostViewMethods>;
/** The view methods the worker answers as they are. */
export type WorkerViewMethods = Omit<ViewMethods, keyof HostViewMethods>;

export type WebviewRequest = RequestOf<ViewMethods>;

/** A request the host answers itself (Source, Disassembly); the others go to the worker. */
export function isHostViewRequest(request: WebviewRequest): request is Extract<WebviewRequest, { readonly method: keyof HostViewMethods }> {
  return isOwnKey(hostViewMethods, request.method);
}
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

/** The answer to requestState: the webview's whole state, what "Save View…" saves. */
export interface ViewStateMessage {
  readonly kind: 'viewState';
  readonly state: WebviewState;
}

/** The toolbar's "Save View…": the host asks for the state (requestState) and a name, and saves them. */
export interface SaveViewMessage {
  readonly kind: 'saveView';
}

/** A saved view was applied; `notApplied` names what this profile could not take (e.g. its sample type). */
export interface ViewAppliedMessage {
  readonly kind: 'viewApplied';
  readonly name: string;
  readonly notApplied: readonly string[];
}

export type WebviewToHost =
  | ReadyMessage
  | ViewStateMessage
  | SaveViewMessage
  | ViewAppliedMessage
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
  /**
   * Another profile in the same page (the capture panel shows each capture of a session in one
   * webview): forget the previous profile's kept state, filters, comparison and selection.
   */
  readonly fresh?: true;
}

/** The capture panel before its first capture: what it is waiting for, shown as is. */
export interface WaitingMessage {
  readonly kind: 'waiting';
  readonly title: string;
  readonly detail: string;
}

/** A view answer the host sends ahead of the request (the webview's identical request takes it). */
export interface AnsweredView {
  readonly method: 'flame';
  readonly params: ParamsOf<ViewMethods, 'flame'>;
  readonly result: ResultOf<ViewMethods, 'flame'>;
}

export interface LoadedMessage {
  readonly kind: 'loaded';
  readonly summary: ProfileSummary;
  /** The default flame graph, when it was ready with the summary: one round trip less to the first paint. */
  readonly answered?: AnsweredView;
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

/** Apply a saved view: as much of its state as fits this profile (the webview answers viewApplied). */
export interface ApplyViewMessage {
  readonly kind: 'applyView';
  readonly name: string;
  readonly state: WebviewState;
}

/** "Save View…": the webview answers with its whole state (viewState). */
export interface RequestStateMessage {
  readonly kind: 'requestState';
}

export type HostToWebview =
  | InitMessage
  | WaitingMessage
  | ApplyViewMessage
  | RequestStateMessage
  | RevealFunctionMessage
  | LoadedMessage
  | FailedMessage
  | BaseLoadedMessage
  | BaseFailedMessage
  | WebviewResponse;

/** What the webview keeps with setState/getState across hide/show and reloads. */
export interface WebviewState {
  readonly sampleIndex?: number;
  /** The sample type's name (`alloc_space`): a saved view applies it to any profile that has it. */
  readonly sampleType?: string;
  readonly view?: string;
  readonly filters?: SavedFilters;
  /** The flame graph's zoomed frame: names from the root's child down to it; [] or absent when not zoomed. */
  readonly zoomPath?: readonly string[];
  /** The transform chain (chips above the views), in the order applied. */
  readonly transforms?: readonly Transform[];
}

/** The toolbar's filters, restored when the webview reloads. */
export interface SavedFilters {
  readonly granularity: GranularityView;
  readonly focus: string;
  readonly ignore: string;
  readonly hide: string;
  readonly show: string;
  readonly tagFocus: string;
  readonly tagIgnore: string;
  /** Comma-separated label keys (pprof -tagroot / -tagleaf). */
  readonly tagRoot: string;
  readonly tagLeaf: string;
}
