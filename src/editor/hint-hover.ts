/**
 * The hover on a hinted line: flat and cum with their shares, the sample type, the top callers
 * and callees of the line's function (peek, computed in the worker), a link that reveals the
 * function in the profile editor, and the stale-source warning.
 */
import * as vscode from 'vscode';
import { hoverNumbers } from '../analysis/source-hints';
import { isRecord } from '../shared/guards';
import type { FileHints, HintsController } from './hints-controller';

export const REVEAL_FUNCTION_COMMAND = 'goProfiler.revealFunction';
const TOP_EDGES = 3;

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}

interface EdgeRow {
  readonly name: string;
  readonly valueText: string;
  readonly percent: string;
}

function parseRows(value: unknown): EdgeRow[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((r: unknown) =>
    isRecord(r) && typeof r.name === 'string' && typeof r.valueText === 'string' && typeof r.percent === 'string'
      ? [{ name: r.name, valueText: r.valueText, percent: r.percent }]
      : [],
  );
}

function edgeLines(title: string, rows: readonly EdgeRow[]): string[] {
  if (rows.length === 0) return [];
  const top = rows.slice(0, TOP_EDGES).map((r) => `- \`${r.name}\` ${escape(r.valueText)} (${escape(r.percent.trim())})`);
  const more = rows.length > TOP_EDGES ? [`- … ${rows.length - TOP_EDGES} more`] : [];
  return [`**${title}**`, '', ...top, ...more, ''];
}

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
    const profileName = active.source.uri.path.slice(active.source.uri.path.lastIndexOf('/') + 1);
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: [REVEAL_FUNCTION_COMMAND] };
    if (file.stale) md.appendMarkdown(`$(warning) ${escape(`The source may have changed: ${file.stale}.`)}\n\n`);
    const diff = active.query.diff === true ? ' (change from the base)' : '';
    md.appendMarkdown(`**${escape(totals.sampleType.type)}** (${escape(unit)}) in ${escape(profileName)}${escape(diff)}\n\n`);
    md.appendMarkdown(`| | value | % of total |\n|---|---:|---:|\n`);
    md.appendMarkdown(`| flat | ${escape(n.flat)} | ${escape(n.flatPercent)} |\n| cum | ${escape(n.cum)} | ${escape(n.cumPercent)} |\n\n`);
    if (fn) {
      md.appendMarkdown(`\`${fn.name}\`\n\n`);
      const peek = await this.peek(file, fn.name);
      if (peek) md.appendMarkdown([...edgeLines('Callers', peek.callers), ...edgeLines('Callees', peek.callees)].join('\n'));
      const args = encodeURIComponent(JSON.stringify([active.source.uri.toString(), fn.name]));
      md.appendMarkdown(`\n[$(flame) Reveal in the profile](command:${REVEAL_FUNCTION_COMMAND}?${args})`);
    }
    return new vscode.Hover(md, document.lineAt(position.line).range);
  }

  /** Callers and callees from the profile editor's worker, when it offers them. */
  private async peek(file: FileHints, name: string): Promise<{ callers: EdgeRow[]; callees: EdgeRow[] } | undefined> {
    const { peek, query } = file.index.active;
    if (!peek) return undefined;
    try {
      const view = await peek(query, name);
      return isRecord(view) ? { callers: parseRows(view.callers), callees: parseRows(view.callees) } : undefined;
    } catch {
      return undefined;
    }
  }
}
