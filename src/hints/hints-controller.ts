/**
 * Keeps the line hints of visible Go files in step with the active profile and its options.
 * The worker computes the numbers; here a file's name is matched against the profile's files
 * of the same base name only, so files not in the profile cost one map lookup.
 */
import * as vscode from 'vscode';
import { normalizePath, type SourceResolver } from '../analysis/source-paths';
import {
  changedSinceCapture,
  DEFAULT_THRESHOLDS,
  hintLevel,
  hintText,
  staleSourceReason,
  type HintThresholds,
} from '../analysis/source-hints';
import type { FileLinesView, LineCostsView, LineCostView, LineFunctionView } from '../shared/line-costs-view';
import type { ActiveProfile, ActiveProfiles } from './active-profile';
import { HintDecorations, type HintLine } from './hint-decorations';
import type { SourceMapping } from './source-context';

/** A profile's files and the resolver, for one active profile and its options. */
export interface ProfileIndex {
  readonly active: ActiveProfile;
  readonly totals: LineCostsView;
  readonly resolver: SourceResolver;
  readonly byBaseName: ReadonlyMap<string, readonly string[]>;
}

/** What one editor shows, kept for the hover, hotspot navigation and the test hook. */
export interface FileHints {
  readonly uri: string;
  readonly index: ProfileIndex;
  readonly files: readonly string[];
  readonly lines: readonly LineCostView[];
  readonly functions: readonly LineFunctionView[];
  readonly hints: readonly HintLine[];
  readonly stale: string | undefined;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function readThresholds(): HintThresholds {
  const config = vscode.workspace.getConfiguration('goProfiler.hints');
  return {
    notablePercent: config.get<number>('notableThreshold') ?? DEFAULT_THRESHOLDS.notablePercent,
    hotPercent: config.get<number>('hotThreshold') ?? DEFAULT_THRESHOLDS.hotPercent,
  };
}

/** Lines of several profile files that map to one local file are added up. */
function mergeFiles(files: readonly FileLinesView[]): { lines: LineCostView[]; functions: LineFunctionView[] } {
  if (files.length === 1) return { lines: [...(files[0]!.lines ?? [])], functions: [...(files[0]!.functions ?? [])] };
  const functions: LineFunctionView[] = [];
  const byLine = new Map<number, { flat: number; cum: number; fn: number }>();
  for (const f of files) {
    const offset = functions.length;
    functions.push(...(f.functions ?? []));
    for (const l of f.lines ?? []) {
      const acc = byLine.get(l.line);
      if (acc) {
        acc.flat += l.flat;
        acc.cum += l.cum;
      } else {
        byLine.set(l.line, { flat: l.flat, cum: l.cum, fn: l.fn + offset });
      }
    }
  }
  const lines = [...byLine].sort((a, b) => a[0] - b[0]).map(([line, c]) => ({ line, ...c }));
  return { lines, functions };
}

export class HintsController implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private index: Promise<ProfileIndex | undefined> | undefined;
  private readonly shown = new Map<string, FileHints>();
  private readonly generation = new Map<string, number>();
  private cleared = false;
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with a document URI whenever its hints were (re)applied. */
  readonly onDidUpdate = this.changed.event;

  constructor(
    private readonly profiles: ActiveProfiles,
    private readonly mapping: SourceMapping,
    private readonly decorations: HintDecorations,
    private readonly state: vscode.Memento,
  ) {
    this.disposables.push(
      this.changed,
      profiles.onDidChange(() => {
        this.cleared = false;
        this.index = undefined;
        this.refreshAll();
      }),
      mapping.onDidChange(() => {
        this.index = undefined;
        this.refreshAll();
      }),
      vscode.window.onDidChangeVisibleTextEditors(() => this.refreshAll()),
      vscode.workspace.onDidSaveTextDocument((doc) => this.refreshDocument(doc)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('goProfiler.hints')) this.refreshAll();
      }),
    );
  }

  get enabled(): boolean {
    return this.state.get<boolean>('goProfiler.hints.enabled') ?? true;
  }

  async toggle(): Promise<void> {
    await this.state.update('goProfiler.hints.enabled', !this.enabled);
    this.cleared = false;
    this.refreshAll();
  }

  /** Hides the hints until the profile or its options change. */
  clear(): void {
    this.cleared = true;
    this.refreshAll();
  }

  hintsFor(uri: vscode.Uri): FileHints | undefined {
    return this.shown.get(uri.toString());
  }

  /** The active profile's index (files with totals), built once per profile and options. */
  currentIndex(): Promise<ProfileIndex | undefined> {
    const active = this.profiles.active;
    if (!active) return Promise.resolve(undefined);
    this.index ??= this.buildIndex(active).catch(() => undefined);
    return this.index;
  }

  refreshAll(): void {
    for (const editor of vscode.window.visibleTextEditors) void this.refresh(editor);
  }

  private refreshDocument(doc: vscode.TextDocument): void {
    for (const editor of vscode.window.visibleTextEditors) if (editor.document === doc) void this.refresh(editor);
  }

  private async buildIndex(active: ActiveProfile): Promise<ProfileIndex> {
    const [totals, resolver] = await Promise.all([
      active.source.request('lineCosts', { ...active.query }),
      this.mapping.resolver(active.source.uri),
    ]);
    const byBaseName = new Map<string, string[]>();
    for (const f of totals.files) {
      const list = byBaseName.get(baseName(f.file)) ?? [];
      list.push(f.file);
      byBaseName.set(baseName(f.file), list);
    }
    return { active, totals, resolver, byBaseName };
  }

  private async refresh(editor: vscode.TextEditor): Promise<void> {
    const doc = editor.document;
    const key = doc.uri.toString();
    const gen = (this.generation.get(key) ?? 0) + 1;
    this.generation.set(key, gen);
    const hints = doc.uri.scheme === 'file' && this.enabled && !this.cleared ? await this.compute(doc).catch(() => undefined) : undefined;
    if (this.generation.get(key) !== gen) return;
    if (hints) this.shown.set(key, hints);
    else this.shown.delete(key);
    for (const e of vscode.window.visibleTextEditors) {
      if (e.document === doc) this.decorations.apply(e, hints?.hints ?? [], hints?.stale !== undefined);
    }
    this.changed.fire(key);
  }

  private async compute(doc: vscode.TextDocument): Promise<FileHints | undefined> {
    const index = await this.currentIndex();
    if (!index) return undefined;
    const path = normalizePath(doc.uri.fsPath);
    const candidates = index.byBaseName.get(baseName(path));
    if (!candidates) return undefined;
    const files: string[] = [];
    for (const file of candidates) {
      const r = await index.resolver.resolve(file);
      if (r.kind === 'resolved' && r.path === path) files.push(file);
    }
    if (files.length === 0) return undefined;
    const view = await index.active.source.request('lineCosts', { ...index.active.query, files });
    const { lines, functions } = mergeFiles(view.files.filter((f) => files.includes(f.file)));
    const thresholds = readThresholds();
    const diff = index.active.query.diff === true;
    const unit = view.sampleType.unit;
    const hints: HintLine[] = [];
    for (const l of lines) {
      const level = hintLevel(l.cum, view.total, thresholds);
      if (!level) continue;
      hints.push({ line: l.line, level, text: hintText(l.cum, view.total, unit, diff), ...(diff ? { change: l.cum } : {}) });
    }
    const stale = await this.staleReason(index, doc, lines, functions);
    return { uri: doc.uri.toString(), index, files, lines, functions, hints, stale };
  }

  private async staleReason(
    index: ProfileIndex,
    doc: vscode.TextDocument,
    lines: readonly LineCostView[],
    functions: readonly LineFunctionView[],
  ): Promise<string | undefined> {
    const sidecar = await this.mapping.sidecar(index.active.source.uri);
    if (sidecar && sidecar.capture.source !== 'import') {
      if (doc.isDirty) return 'this file has unsaved changes made after the capture';
      const stat = await vscode.workspace.fs.stat(doc.uri);
      const changed = changedSinceCapture(stat.mtime, sidecar.startedAt);
      if (changed) return changed;
    }
    const shape = { lineCount: doc.lineCount, lineText: (l: number) => (l >= 1 && l <= doc.lineCount ? doc.lineAt(l - 1).text : '') };
    return staleSourceReason(shape, lines, functions);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
