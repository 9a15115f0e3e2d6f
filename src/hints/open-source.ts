/**
 * Jump to source: maps a profile's file name, opens the file at the line, centred, with a
 * brief highlight. Standard-library and module-cache files open read-only.
 */
import * as vscode from 'vscode';
import type { ReleaseMismatch, Resolution } from '../analysis/source-paths';
import { jumpNotice } from './jump-notice';
import type { SourceMapping } from './source-context';

const HIGHLIGHT_MS = 1500;

/** Asks once among equally good files; undefined when the user dismisses the pick. */
async function settle(
  mapping: SourceMapping,
  profileUri: vscode.Uri,
  file: string,
  resolution: Resolution,
): Promise<{ path: string; readOnly: boolean; mismatch?: ReleaseMismatch } | undefined> {
  switch (resolution.kind) {
    case 'resolved':
      return { path: resolution.path, readOnly: resolution.readOnly, ...(resolution.mismatch ? { mismatch: resolution.mismatch } : {}) };
    case 'unresolved':
      void vscode.window.showWarningMessage(`Go Profiler: cannot open the source: ${resolution.reason}.`);
      return undefined;
    case 'ambiguous': {
      const picked = await vscode.window.showQuickPick(
        resolution.candidates.map((c) => ({ label: vscode.workspace.asRelativePath(c), description: c, path: c })),
        { title: `Which file is ${file}?`, placeHolder: 'Several workspace files match; the choice is remembered for this profile' },
      );
      if (!picked) return undefined;
      await mapping.remember(profileUri, file, picked.path);
      const again = await (await mapping.resolver(profileUri)).resolve(file);
      return again.kind === 'resolved' ? { path: again.path, readOnly: again.readOnly } : undefined;
    }
  }
}

/**
 * Opens source lines for the hints and the profile views; owns the brief highlight's decoration
 * type (one per window, disposed with it).
 */
export class SourceOpener implements vscode.Disposable {
  private readonly highlight = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
  });

  constructor(private readonly mapping: SourceMapping) {}

  /** Opens `path` at 1-based `line` (0: the top), centred and briefly highlighted. */
  async revealLine(path: string, line: number, readOnly: boolean, viewColumn: vscode.ViewColumn = vscode.ViewColumn.Active): Promise<vscode.TextEditor> {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path));
    const editor = await vscode.window.showTextDocument(document, { preview: true, viewColumn });
    if (readOnly) await vscode.commands.executeCommand('workbench.action.files.setActiveEditorReadonlyInSession');
    const index = Math.min(Math.max(line - 1, 0), Math.max(document.lineCount - 1, 0));
    const range = document.lineAt(index).range;
    editor.selection = new vscode.Selection(range.start, range.start);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
    if (line > 0) {
      editor.setDecorations(this.highlight, [range]);
      setTimeout(() => editor.setDecorations(this.highlight, []), HIGHLIGHT_MS);
    }
    return editor;
  }

  /** The jump every profile view uses: beside the profile. Returns the editor, or undefined (the user was told). */
  async openProfileSource(profileUri: vscode.Uri, file: string, line: number, functionName?: string): Promise<vscode.TextEditor | undefined> {
    const resolver = await this.mapping.resolver(profileUri);
    const target = await settle(this.mapping, profileUri, file, await resolver.resolve(file, functionName));
    if (!target) return undefined;
    try {
      const editor = await this.revealLine(target.path, line, target.readOnly, vscode.ViewColumn.Beside);
      const notice = jumpNotice({
        file,
        line,
        lineCount: editor.document.lineCount,
        ...(functionName !== undefined ? { functionName } : {}),
        ...(target.mismatch ? { mismatch: target.mismatch } : {}),
      });
      if (notice !== undefined) void vscode.window.showInformationMessage(notice);
      return editor;
    } catch (error) {
      void vscode.window.showWarningMessage(`Go Profiler: cannot open ${target.path}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  dispose(): void {
    this.highlight.dispose();
  }
}
