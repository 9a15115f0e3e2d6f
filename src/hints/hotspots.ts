/**
 * Next/previous hotspot: the active profile's notable lines in the user's files (not the
 * standard library or the module cache), across files, in cost order.
 */
import * as vscode from 'vscode';
import { hintLevel, orderHotspots, stepHotspot, type Hotspot } from '../analysis/source-hints';
import { normalizePath } from '../analysis/source-paths';
import { readThresholds, type HintsController } from './hints-controller';
import type { SourceOpener } from './open-source';

/** Files looked at, costliest first: enough for any hotspot worth a jump. */
const MAX_FILES = 200;

export async function collectHotspots(hints: HintsController): Promise<Hotspot[]> {
  const index = await hints.currentIndex();
  if (!index) return [];
  const thresholds = readThresholds();
  const total = index.totals.total;
  const paths = new Map<string, string>();
  for (const f of index.totals.files.slice(0, MAX_FILES)) {
    if (!hintLevel(f.maxCum, total, thresholds)) break;
    const r = await index.resolver.resolve(f.file);
    if (r.kind === 'resolved' && !r.readOnly) paths.set(f.file, r.path);
  }
  if (paths.size === 0) return [];
  const view = await index.active.source.request('lineCosts', { ...index.active.query, files: [...paths.keys()] });
  const spots: Hotspot[] = [];
  for (const f of view.files) {
    const path = paths.get(f.file);
    if (path === undefined) continue;
    for (const l of f.lines ?? []) {
      if (hintLevel(l.cum, total, thresholds)) spots.push({ path, line: l.line, flat: l.flat, cum: l.cum });
    }
  }
  return orderHotspots(spots);
}

export async function goToHotspot(hints: HintsController, opener: SourceOpener, step: 1 | -1): Promise<void> {
  const spots = await collectHotspots(hints);
  const editor = vscode.window.activeTextEditor;
  const at = editor ? { path: normalizePath(editor.document.uri.fsPath), line: editor.selection.active.line + 1 } : undefined;
  const next = stepHotspot(spots, at, step);
  if (!next) {
    void vscode.window.showInformationMessage('Go Profiler: no hotspots in this workspace for the active profile.');
    return;
  }
  await opener.revealLine(next.path, next.line, false);
}
