/**
 * The hover on a hinted line: flat and cum with their shares, the sample type, the top callers
 * and callees of the line's function (peek, computed in the worker), a link that reveals the
 * function in the profile editor, and the stale-source warning. The markdown is built by
 * hover-markdown.ts; only the reveal command is trusted, and no HTML is supported.
 */
import * as vscode from 'vscode';
import { hoverNumbers } from '../analysis/source-hints';
import type { FileHints, HintsController } from './hints-controller';
import { hoverMarkdown, REVEAL_FUNCTION_COMMAND, type EdgeRow } from './hover-markdown';

export { REVEAL_FUNCTION_COMMAND } from './hover-markdown';

export class HintHoverProvider implements vscode.HoverProvider {
  constructor(private readonly hints: HintsController) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const file = this.hints.hintsFor(document.uri);
    const line = file?.lines.find((l) => l.line === position.line + 1);
    if (!file || !line) return undefined;
    const { totals, active } = file.index;
    const unit = totals.sampleType.unit;
    const n = hoverNumbers(line, totals.total, unit);
    const fn = file.functions[line.fn];
    const peek = fn ? await this.peek(file, fn.name) : undefined;
    const text = hoverMarkdown({
      ...(file.stale ? { stale: file.stale } : {}),
      sampleType: totals.sampleType.type,
      unit,
      profileName: active.source.uri.path.slice(active.source.uri.path.lastIndexOf('/') + 1),
      diff: active.query.diff === true,
      flat: n.flat,
      flatPercent: n.flatPercent,
      cum: n.cum,
      cumPercent: n.cumPercent,
      ...(fn ? { fn: { name: fn.name, profileUri: active.source.uri.toString() } } : {}),
      ...(peek ?? {}),
    });
    const md = new vscode.MarkdownString(text, true);
    md.supportHtml = false;
    md.isTrusted = { enabledCommands: [REVEAL_FUNCTION_COMMAND] };
    return new vscode.Hover(md, document.lineAt(position.line).range);
  }

  /** Callers and callees from the profile editor's worker, when it offers them. */
  private async peek(file: FileHints, name: string): Promise<{ callers: readonly EdgeRow[]; callees: readonly EdgeRow[] } | undefined> {
    const { peek, query } = file.index.active;
    if (!peek) return undefined;
    try {
      const { callers, callees } = await peek(query, name);
      return { callers, callees };
    } catch {
      return undefined;
    }
  }
}
