/**
 * The markdown of a hinted line's hover. Every profile string goes through markdownText; the
 * only links are ours (revealing the function in the profile editor's Flame or Sandwich tab), and
 * the MarkdownString that carries them trusts that one command alone (see hint-hover.ts). No vscode import: unit tested.
 */
import { commandLink, markdownText } from './markdown-text';

export const REVEAL_FUNCTION_COMMAND = 'goProfiler.revealFunction';
const TOP_EDGES = 3;

export interface EdgeRow {
  readonly name: string;
  readonly valueText: string;
  readonly percent: string;
}

export interface HoverContent {
  /** Why the source may not match the profile, when it may not. */
  readonly stale?: string;
  readonly sampleType: string;
  readonly unit: string;
  readonly profileName: string;
  readonly diff: boolean;
  readonly flat: string;
  readonly flatPercent: string;
  readonly cum: string;
  readonly cumPercent: string;
  /** The line's function, when known. */
  readonly fn?: { readonly name: string; readonly profileUri: string };
  readonly callers?: readonly EdgeRow[];
  readonly callees?: readonly EdgeRow[];
}

function edgeLines(title: string, rows: readonly EdgeRow[] | undefined): string[] {
  if (!rows || rows.length === 0) return [];
  const top = rows.slice(0, TOP_EDGES).map((r) => `- ${markdownText(r.name)} ${markdownText(r.valueText)} (${markdownText(r.percent.trim())})`);
  const more = rows.length > TOP_EDGES ? [`- … ${rows.length - TOP_EDGES} more`] : [];
  return [`**${title}**`, '', ...top, ...more, ''];
}

export function hoverMarkdown(c: HoverContent): string {
  const t = markdownText;
  const parts: string[] = [];
  if (c.stale) parts.push(`$(warning) ${t(`The source may have changed: ${c.stale}.`)}\n\n`);
  const diff = c.diff ? ' (change from the base)' : '';
  parts.push(`**${t(c.sampleType)}** (${t(c.unit)}) in ${t(c.profileName)}${t(diff)}\n\n`);
  parts.push(`| | value | % of total |\n|---|---:|---:|\n`);
  parts.push(`| flat | ${t(c.flat)} | ${t(c.flatPercent)} |\n| cum | ${t(c.cum)} | ${t(c.cumPercent)} |\n\n`);
  if (c.fn) {
    parts.push(`**Function** ${t(c.fn.name)}\n\n`);
    parts.push([...edgeLines('Callers', c.callers), ...edgeLines('Callees', c.callees)].join('\n'));
    parts.push(`\n${commandLink('$(flame) Reveal in the profile', REVEAL_FUNCTION_COMMAND, [c.fn.profileUri, c.fn.name])}`);
    // The same command, on the profile editor's Sandwich tab (callers above, callees below).
    parts.push(` · ${commandLink('$(split-vertical) Sandwich', REVEAL_FUNCTION_COMMAND, [c.fn.profileUri, c.fn.name, 'sandwich'])}`);
  }
  return parts.join('');
}
