/**
 * Which profile the editor hints follow: the active or last-focused profile editor, with the
 * options (sample type, filters, comparison) its views were last computed with. The profile
 * editor reports here; the hints listen.
 */
import * as vscode from 'vscode';
import { parseHintQuery, type HintQuery, type LineCostsParams, type LineCostsView } from '../shared/line-costs-view';

/** What the hints need of a profile document (ProfileDocument has it). */
export interface ProfileSource {
  readonly uri: vscode.Uri;
  request(method: 'lineCosts', params: LineCostsParams): Promise<LineCostsView>;
}

/** The profile's callers/callees of one function (the worker's `peek`), checked by the caller. */
export type PeekFunction = (query: HintQuery, name: string) => Promise<unknown>;

export interface ActiveProfile {
  readonly source: ProfileSource;
  readonly query: HintQuery;
  readonly peek?: PeekFunction;
}

const lastQuery = new WeakMap<ProfileSource, HintQuery>();
const peeks = new WeakMap<ProfileSource, PeekFunction>();
const changed = new vscode.EventEmitter<ActiveProfile | undefined>();
const revealRequested = new vscode.EventEmitter<{ readonly uri: vscode.Uri; readonly functionName: string }>();
let active: ActiveProfile | undefined;

export const onDidChangeActiveProfile = changed.event;
/** The hover's "reveal in profile" link: a profile editor may focus the function. */
export const onDidRequestRevealFunction = revealRequested.event;

export function activeProfile(): ActiveProfile | undefined {
  return active;
}

function sameQuery(a: HintQuery, b: HintQuery): boolean {
  const keys: (keyof HintQuery)[] = ['sampleIndex', 'focus', 'ignore', 'hide', 'show', 'tagFocus', 'diff'];
  return keys.every((k) => a[k] === b[k]) && a.flameGranularity === b.flameGranularity && (a.flamePath ?? []).join('\0') === (b.flamePath ?? []).join('\0');
}

/**
 * Called by the profile editor when it becomes active (no query: the last one it used) and
 * whenever its views are asked for with new options.
 */
export function setActiveProfile(source: ProfileSource, query?: unknown, peek?: PeekFunction): void {
  if (peek) peeks.set(source, peek);
  const options = (query === undefined ? undefined : parseHintQuery(query)) ?? lastQuery.get(source);
  if (!options) return;
  lastQuery.set(source, options);
  if (active && active.source === source && sameQuery(active.query, options)) return;
  const p = peeks.get(source);
  active = { source, query: options, ...(p ? { peek: p } : {}) };
  changed.fire(active);
}

/** Called when a profile document closes. */
export function profileClosed(source: ProfileSource): void {
  lastQuery.delete(source);
  if (active?.source !== source) return;
  active = undefined;
  changed.fire(undefined);
}

export function requestRevealFunction(uri: vscode.Uri, functionName: string): void {
  revealRequested.fire({ uri, functionName });
}
