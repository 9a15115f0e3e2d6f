/**
 * The decoration types of the line hints and how a file's hint lines become decorations.
 * Classes: notable (grey), hot (red, bold, fire icon in the gutter), each also dimmed for
 * stale source; in a comparison, growth is red and shrinkage green.
 */
import * as vscode from 'vscode';
import type { HintLevel } from '../analysis/source-hints';

export interface HintLine {
  /** 1-based. */
  readonly line: number;
  readonly level: HintLevel;
  readonly text: string;
  /** A comparison's change: growth (> 0) or shrinkage (< 0). */
  readonly change?: number;
}

export type HintClass = 'notable' | 'hot' | 'grown' | 'shrunk';
const CLASSES: readonly HintClass[] = ['notable', 'hot', 'grown', 'shrunk'];

/** CSS after the attachment's text-decoration: VS Code's usual way to dim an attachment. */
const DIM = 'none; opacity: 0.45';

export function hintClass(hint: HintLine): HintClass {
  if (hint.change !== undefined) return hint.change > 0 ? 'grown' : 'shrunk';
  return hint.level;
}

export class HintDecorations implements vscode.Disposable {
  private readonly types = new Map<string, vscode.TextEditorDecorationType>();

  constructor(extensionUri: vscode.Uri) {
    const fire = {
      light: { gutterIconPath: vscode.Uri.joinPath(extensionUri, 'media', 'icons', 'fire-light.svg'), gutterIconSize: '80%' },
      dark: { gutterIconPath: vscode.Uri.joinPath(extensionUri, 'media', 'icons', 'fire-dark.svg'), gutterIconSize: '80%' },
    };
    const colors: Record<HintClass, string> = {
      notable: 'editorCodeLens.foreground',
      hot: 'errorForeground',
      grown: 'charts.red',
      shrunk: 'charts.green',
    };
    for (const cls of CLASSES) {
      for (const stale of [false, true]) {
        const options: vscode.DecorationRenderOptions = {
          after: {
            color: new vscode.ThemeColor(colors[cls]),
            fontStyle: 'normal',
            fontWeight: cls === 'notable' ? 'normal' : 'bold',
            ...(stale ? { textDecoration: DIM } : {}),
          },
          rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
          ...(cls === 'hot' || cls === 'grown' ? fire : {}),
        };
        this.types.set(`${cls}:${stale}`, vscode.window.createTextEditorDecorationType(options));
      }
    }
  }

  /** Shows `hints` in `editor` (replacing what it showed); an empty list clears it. */
  apply(editor: vscode.TextEditor, hints: readonly HintLine[], stale: boolean): void {
    const byType = new Map<string, vscode.DecorationOptions[]>();
    for (const key of this.types.keys()) byType.set(key, []);
    const doc = editor.document;
    for (const hint of hints) {
      if (hint.line < 1 || hint.line > doc.lineCount) continue;
      const end = doc.lineAt(hint.line - 1).range.end;
      const cls = hintClass(hint);
      // The fire is the gutter icon (our SVG): an emoji in the text shows as a box without an emoji font.
      byType.get(`${cls}:${stale}`)!.push({ range: new vscode.Range(end, end), renderOptions: { after: { contentText: hint.text } } });
    }
    for (const [key, type] of this.types) editor.setDecorations(type, byType.get(key) ?? []);
  }

  dispose(): void {
    for (const type of this.types.values()) type.dispose();
    this.types.clear();
  }
}
