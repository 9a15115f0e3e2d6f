/** Registers the editor side: line hints, hovers, hotspot commands and jump-to-source. */
import * as vscode from 'vscode';
import { requestRevealFunction } from './active-profile';
import { HintDecorations } from './hint-decorations';
import { HintHoverProvider, REVEAL_FUNCTION_COMMAND } from './hint-hover';
import { HintsController } from './hints-controller';
import { goToHotspot } from './hotspots';
import { openProfileSource } from './open-source';
import { SourceMapping } from './source-context';

/** Not in the palette: the in-host tests read what the hints show through it. */
export const HINTS_SNAPSHOT_COMMAND = 'goProfiler.hints.snapshot';

let mapping: SourceMapping | undefined;

/** Jump from any profile view: maps the profile's file name and opens the line. */
export async function jumpToSource(profileUri: vscode.Uri, file: string, line: number, functionName?: string): Promise<boolean> {
  if (!mapping) return false;
  return (await openProfileSource(mapping, profileUri, file, line, functionName)) !== undefined;
}

export function registerHintFeatures(context: vscode.ExtensionContext): vscode.Disposable[] {
  const sources = new SourceMapping(context.workspaceState);
  mapping = sources;
  const decorations = new HintDecorations(context.extensionUri);
  const hints = new HintsController(sources, decorations, context.globalState);
  return [
    sources,
    decorations,
    hints,
    { dispose: () => (mapping = undefined) },
    vscode.languages.registerHoverProvider({ language: 'go', scheme: 'file' }, new HintHoverProvider(hints)),
    vscode.commands.registerCommand('goProfiler.toggleHints', () => hints.toggle()),
    vscode.commands.registerCommand('goProfiler.clearHints', () => hints.clear()),
    vscode.commands.registerCommand('goProfiler.nextHotspot', () => goToHotspot(hints, 1)),
    vscode.commands.registerCommand('goProfiler.previousHotspot', () => goToHotspot(hints, -1)),
    vscode.commands.registerCommand(REVEAL_FUNCTION_COMMAND, async (uri: unknown, name: unknown) => {
      if (typeof uri !== 'string' || typeof name !== 'string') return;
      const profile = vscode.Uri.parse(uri);
      await vscode.commands.executeCommand('vscode.openWith', profile, 'goProfiler.profile');
      requestRevealFunction(profile, name);
    }),
    vscode.commands.registerCommand(HINTS_SNAPSHOT_COMMAND, (uri: unknown) => {
      const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : vscode.window.activeTextEditor?.document.uri;
      const shown = target && hints.hintsFor(target);
      if (!shown) return undefined;
      return {
        profile: shown.index.active.source.uri.toString(),
        query: shown.index.active.query,
        sampleType: shown.index.totals.sampleType,
        total: shown.index.totals.total,
        files: shown.files,
        stale: shown.stale,
        hints: shown.hints,
        lines: shown.lines,
      };
    }),
  ];
}
