/**
 * Which profile the editor hints follow: the active or last-focused profile editor, with the
 * options (sample type, filters, comparison) its views were last computed with. The profile
 * editor reports here; the hints listen. One per window, created and disposed by `activate`.
 */
import * as vscode from 'vscode';
import { parseHintQuery, type HintQuery, type LineCostsParams, type LineCostsView } from '../shared/line-costs-view';
import type { PeekView } from '../shared/peek-view';
import { sameTransforms } from '../shared/transforms';

/** What the hints need of a profile document (ProfileDocument has it). */
export interface ProfileSource {
  readonly uri: vscode.Uri;
  request(method: 'lineCosts', params: LineCostsParams): Promise<LineCostsView>;
}

/** The profile's callers/callees of one function (the worker's `peek`). */
export type PeekFunction = (query: HintQuery, name: string) => Promise<PeekView>;

export interface ActiveProfile {
  readonly source: ProfileSource;
  readonly query: HintQuery;
  readonly peek?: PeekFunction;
}

export interface RevealRequest {
  readonly uri: vscode.Uri;
  readonly functionName: string;
  /** The tab to show it on: the Flame Graph by default. */
  readonly view?: 'sandwich';
}

function sameQuery(a: HintQuery, b: HintQuery): boolean {
  const keys = ['sampleIndex', 'focus', 'ignore', 'hide', 'show', 'tagFocus', 'tagIgnore', 'diff'] as const;
  const lists = ['tagRoot', 'tagLeaf'] as const;
  return (
    keys.every((k) => a[k] === b[k]) &&
    lists.every((k) => (a[k] ?? []).join('\0') === (b[k] ?? []).join('\0')) &&
    sameTransforms(a.transforms, b.transforms) &&
    a.flameGranularity === b.flameGranularity &&
    (a.flamePath ?? []).join('\0') === (b.flamePath ?? []).join('\0')
  );
}

export class ActiveProfiles implements vscode.Disposable {
  private readonly lastQuery = new WeakMap<ProfileSource, HintQuery>();
  private readonly peeks = new WeakMap<ProfileSource, PeekFunction>();
  private readonly changed = new vscode.EventEmitter<ActiveProfile | undefined>();
  private readonly revealRequested = new vscode.EventEmitter<RevealRequest>();
  private current: ActiveProfile | undefined;

  readonly onDidChange = this.changed.event;
  /** The hover's "reveal in profile" link: a profile editor may focus the function. */
  readonly onDidRequestReveal = this.revealRequested.event;

  get active(): ActiveProfile | undefined {
    return this.current;
  }

  /**
   * Called by the profile editor when it becomes active (no query: the last one it used) and
   * whenever its views are asked for with new options.
   */
  set(source: ProfileSource, query?: unknown, peek?: PeekFunction): void {
    if (peek) this.peeks.set(source, peek);
    const options = (query === undefined ? undefined : parseHintQuery(query)) ?? this.lastQuery.get(source);
    if (!options) return;
    this.lastQuery.set(source, options);
    if (this.current && this.current.source === source && sameQuery(this.current.query, options)) return;
    const p = this.peeks.get(source);
    this.current = { source, query: options, ...(p ? { peek: p } : {}) };
    this.changed.fire(this.current);
  }

  /** Called when a profile editor closes. */
  closed(source: ProfileSource): void {
    this.lastQuery.delete(source);
    if (this.current?.source !== source) return;
    this.current = undefined;
    this.changed.fire(undefined);
  }

  requestReveal(uri: vscode.Uri, functionName: string, view?: 'sandwich'): void {
    this.revealRequested.fire({ uri, functionName, ...(view ? { view } : {}) });
  }

  dispose(): void {
    this.current = undefined;
    this.changed.dispose();
    this.revealRequested.dispose();
  }
}
