/**
 * Every message between the extension host and the profile webview, both directions.
 *
 * Handshake: the webview posts `ready` once its script runs (again after every reload);
 * the host answers `init`, then `loaded` or `failed` when the decode ends. Data for views
 * is requested with `request` messages typed by `ViewMethods`.
 */
import type { RequestOf, ResponseOf } from './rpc';
import type { ProfileSummary, ViewMethods } from './view-model';

export type WebviewRequest = RequestOf<ViewMethods>;
export type WebviewResponse = ResponseOf<ViewMethods>;

export interface ReadyMessage {
  readonly kind: 'ready';
}

export type WebviewToHost = ReadyMessage | WebviewRequest;

export interface InitMessage {
  readonly kind: 'init';
  /** Base name of the profile file, shown while it decodes. */
  readonly fileName: string;
}

export interface LoadedMessage {
  readonly kind: 'loaded';
  readonly summary: ProfileSummary;
}

export interface FailedMessage {
  readonly kind: 'failed';
  /** The decoder's message, naming the file; shown as is. */
  readonly message: string;
}

export type HostToWebview = InitMessage | LoadedMessage | FailedMessage | WebviewResponse;

/** What the webview keeps with setState/getState across hide/show and reloads. */
export interface WebviewState {
  readonly sampleIndex?: number;
  readonly view?: string;
}
