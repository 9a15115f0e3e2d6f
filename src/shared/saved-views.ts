/**
 * Saved views: named WebviewStates kept per workspace in `.vscode/go-profiler-views.json`,
 * read by the profile editor and by the CLI (`--view NAME`). The format:
 *
 *     { "version": 1, "views": [ { "name": "no runtime", "state": { "view": "top", … } } ] }
 *
 * `state` is a WebviewState (protocol.ts), checked field by field with the webview's own parser
 * (webview-state.ts); fields this version does not know are kept as written. Pure.
 */
import { isRecord, type UnknownRecord } from './guards';
import type { WebviewState } from './protocol';
import { checkWebviewState } from './webview-state';

/** Where a workspace keeps its saved views, relative to the workspace folder. */
export const SAVED_VIEWS_FILE = '.vscode/go-profiler-views.json';
export const SAVED_VIEWS_VERSION = 1;

export interface SavedView {
  readonly name: string;
  /** The known fields, validated. */
  readonly state: WebviewState;
  /** The state as written in the file (unknown fields included), written back unchanged. */
  readonly stored: UnknownRecord;
}

/** A views file that cannot be read as one; the message says why, in one line (without the path). */
export class SavedViewsError extends Error {
  override readonly name = 'SavedViewsError';
}

export function parseSavedViews(text: string): SavedView[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SavedViewsError(`not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isRecord(json) || !Array.isArray(json.views)) throw new SavedViewsError('expected an object with a "views" array');
  if (typeof json.version === 'number' && json.version > SAVED_VIEWS_VERSION) {
    throw new SavedViewsError(`version ${json.version} was written by a newer Go Profiler (this one reads version ${SAVED_VIEWS_VERSION})`);
  }
  const views: SavedView[] = [];
  json.views.forEach((entry: unknown, i) => {
    const view = parseView(entry, `views[${i}]`);
    if (views.some((v) => v.name === view.name)) throw new SavedViewsError(`two views are named "${view.name}"`);
    views.push(view);
  });
  return views;
}

/** One saved view (an entry of the views file, or a file of its own for `--view FILE.json`). */
export function parseView(entry: unknown, where: string): SavedView {
  if (!isRecord(entry)) throw new SavedViewsError(`${where} is not an object`);
  const { name, state } = entry;
  if (typeof name !== 'string' || name.trim() === '') throw new SavedViewsError(`${where} has no "name"`);
  if (!isRecord(state)) throw new SavedViewsError(`view "${name}" has no "state" object`);
  const checked = checkWebviewState(state);
  if (checked.invalid.length > 0) throw new SavedViewsError(`view "${name}": malformed ${checked.invalid.map((f) => `"${f}"`).join(', ')}`);
  return { name, state: checked.state, stored: state };
}

export function formatSavedViews(views: readonly SavedView[]): string {
  return JSON.stringify({ version: SAVED_VIEWS_VERSION, views: views.map((v) => ({ name: v.name, state: v.stored })) }, null, 2) + '\n';
}

/**
 * The part of a webview's state a view keeps: all of it but the sample type's index, which
 * means another type in another kind of profile (the view keeps the type by name).
 */
export function viewStateToSave(state: WebviewState): WebviewState {
  const { sampleIndex: _index, ...rest } = state;
  return rest;
}

/** `views` with `name` set to `state` (replacing a view of that name in place, else appended). */
export function withView(views: readonly SavedView[], name: string, state: WebviewState): SavedView[] {
  const view: SavedView = { name, state, stored: { ...state } };
  const at = views.findIndex((v) => v.name === name);
  return at < 0 ? [...views, view] : views.map((v, i) => (i === at ? view : v));
}

export function renamedView(views: readonly SavedView[], from: string, to: string): SavedView[] {
  if (from !== to && views.some((v) => v.name === to)) throw new SavedViewsError(`a view named "${to}" already exists`);
  return views.map((v) => (v.name === from ? { ...v, name: to } : v));
}

export function withoutView(views: readonly SavedView[], name: string): SavedView[] {
  return views.filter((v) => v.name !== name);
}

/** A view name as typed: trimmed; undefined when empty. */
export function cleanViewName(text: string): string | undefined {
  const name = text.trim();
  return name === '' ? undefined : name;
}
